import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api-client';
import { authStore } from './auth-store';

export function useAuth() {
  return useSyncExternalStore(authStore.subscribe, authStore.snapshot);
}

export async function signIn(email: string, password: string) {
  const token = await unwrap(api.POST('/api/v1/auth/token', { body: { email, password } }));
  // Expire a little early so no request goes out with a token about to lapse.
  authStore.signIn({ token: token.accessToken, email, expiresAt: Date.now() + (token.expiresIn - 30) * 1000 });
}

export function signOut() {
  authStore.signOut();
}
