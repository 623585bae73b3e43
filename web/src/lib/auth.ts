import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api-client';
import { authStore, sessionFrom } from './auth-store';

export function useAuth() {
  return useSyncExternalStore(authStore.subscribe, authStore.snapshot);
}

export async function signIn(email: string, password: string) {
  const token = await unwrap(api.POST('/api/v1/auth/token', { body: { email, password } }));
  authStore.signIn(sessionFrom(token, email));
}

/** Ends the session here and on the server (the refresh token stops working). */
export async function signOut() {
  // Revoke first, then forget: the screen changes once, when the session is really over.
  const refreshToken = authStore.snapshot().session?.refreshToken;
  if (refreshToken) await api.POST('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
  authStore.signOut();
}
