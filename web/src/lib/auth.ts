import { useSyncExternalStore } from 'react';
import { api, unwrap } from './api-client';
import { authStore, sessionFrom } from './auth-store';

export function useAuth() {
  return useSyncExternalStore(authStore.subscribe, authStore.snapshot);
}

/** Set while a sign-out has not reached the server yet: the cookie's session must still be ended there. */
const PENDING_SIGN_OUT = 'okr.sign-out-pending';

/** Signs in for this browser: the access token comes back, the refresh token goes into an HttpOnly cookie. */
export async function signIn(email: string, password: string, totpCode?: string) {
  await finishSignOut();
  const token = await unwrap(api.POST('/api/v1/auth/session', { body: { email, password, totpCode: totpCode || null } }));
  authStore.signIn(sessionFrom(token, email));
}

/**
 * Back from single sign-on: the server set the session cookie on the way (GET /api/v1/auth/sso/start → provider →
 * callback). Renews from it and asks who signed in; false when there is no session after all.
 */
export function completeSingleSignOn(): Promise<boolean> {
  // Once, however often the landing page asks (React runs effects twice in development): the cookie renews once.
  completing ??= (async () => {
    try {
      const token = await unwrap(api.POST('/api/v1/auth/session/refresh'));
      const me = await unwrap(api.GET('/api/v1/users/me', { headers: { Authorization: `Bearer ${token.accessToken}` } }));
      authStore.signIn(sessionFrom(token, me.email ?? ''));
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    completing = null;
  });
  return completing;
}

let completing: Promise<boolean> | null = null;

/** Before leaving for the provider: a sign-out still owed to the server must not end the session about to begin. */
export async function startSingleSignOn(href: string) {
  await finishSignOut();
  window.location.assign(href);
}

/**
 * Ends the session here and on the server (the cookie's refresh token stops working and the cookie goes). When the
 * server cannot be reached, the page still signs out, and the server's side is ended the next time Okr opens here
 * (or before the next sign-in), so a sign-out on a shared computer is never only skin-deep.
 */
export async function signOut() {
  // Revoke first, then forget: the screen changes once, when the session is really over.
  if (!(await revoke())) localStorage.setItem(PENDING_SIGN_OUT, '1');
  authStore.signOut();
}

/** Ends a session a failed sign-out left on the server; true when none is left. */
export async function finishSignOut(): Promise<boolean> {
  if (localStorage.getItem(PENDING_SIGN_OUT) === null) return true;
  if (!(await revoke())) return false;
  localStorage.removeItem(PENDING_SIGN_OUT);
  return true;
}

async function revoke(): Promise<boolean> {
  try {
    const { response } = await api.DELETE('/api/v1/auth/session');
    // 401: no session left to end (the cookie was already spent); anything else but success is worth another try.
    return response.ok || response.status === 401;
  } catch {
    return false;
  }
}

if (typeof window !== 'undefined') void finishSignOut();
