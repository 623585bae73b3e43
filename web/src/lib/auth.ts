import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api-client';
import { authStore, sessionFrom } from './auth-store';

export function useAuth() {
  return useSyncExternalStore(authStore.subscribe, authStore.snapshot);
}

/** Signs in for this browser: the access token comes back, the refresh token goes into an HttpOnly cookie. */
export async function signIn(email: string, password: string) {
  const token = await unwrap(api.POST('/api/v1/auth/session', { body: { email, password } }));
  authStore.signIn(sessionFrom(token, email));
}

/** Ends the session here and on the server (the cookie's refresh token stops working and the cookie goes). */
export async function signOut() {
  // Revoke first, then forget: the screen changes once, when the session is really over.
  await api.DELETE('/api/v1/auth/session').catch(() => undefined);
  authStore.signOut();
}
