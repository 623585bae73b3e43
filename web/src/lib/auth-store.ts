/**
 * The signed-in session. The access token lives in this page's memory only; the refresh token lives in an HttpOnly
 * cookie that no script can read (POST /api/v1/auth/session), so nothing injected into the page can take the session
 * away. localStorage remembers only who is signed in, so a reload (or another tab) renews quietly from the cookie.
 * Only when renewal is refused is the session marked expired — the page stays, a sign-in dialog appears over it, and
 * whatever the person was typing is still there afterwards.
 */
export interface Session {
  /** Empty until the first renewal after a reload. */
  token: string;
  expiresAt: number;
  email: string;
  /** When this sign-in happened (ms): another tab signing in again changes it, which lifts an expired dialog here. */
  since: number;
}

type State = { session: Session | null; expired: boolean };

const KEY = 'okr.session';
const listeners = new Set<() => void>();

function load(): State {
  try {
    const raw = localStorage.getItem(KEY);
    const marker = raw ? (JSON.parse(raw) as { email?: unknown; since?: unknown }) : null;
    const since = typeof marker?.since === 'number' ? marker.since : 0;
    return { session: typeof marker?.email === 'string' ? { token: '', expiresAt: 0, email: marker.email, since } : null, expired: false };
  } catch {
    return { session: null, expired: false };
  }
}

let state: State = load();
let renewing: Promise<boolean> | null = null;

function set(next: State) {
  state = next;
  if (next.session) localStorage.setItem(KEY, JSON.stringify({ email: next.session.email, since: next.session.since }));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
}

/** A session from a token answer; `since` stays that of the sign-in when renewing. */
export function sessionFrom(token: TokenAnswer, email: string, since = Date.now()): Session {
  // Renew a little early so no request goes out with a token about to lapse.
  return { token: token.accessToken, email, since, expiresAt: Date.now() + (token.expiresIn - 30) * 1000 };
}

export const authStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => state,
  token: () => (state.session && !state.expired && state.session.token ? state.session.token : null),
  signIn(session: Session) {
    set({ session, expired: false });
  },
  expire() {
    if (state.session && !state.expired) set({ ...state, expired: true });
  },
  signOut() {
    set({ session: null, expired: false });
  },
  /**
   * Re-reads storage when another tab signed in or out (its renewals stay in its own memory). A new sign-in there,
   * even as the same person, put a fresh session cookie in place: an expired session here renews from it.
   */
  reload() {
    const stored = load();
    if (stored.session?.email !== state.session?.email) set(stored);
    else if (state.expired && stored.session && stored.session.since !== state.session?.since) {
      set(stored);
      void authStore.renew();
    }
  },
  /**
   * Exchanges the refresh token for a new pair, once even when many requests ask at the same time.
   * Resolves false (and marks the session expired) when the refresh token no longer works.
   */
  renew(): Promise<boolean> {
    if (state.expired) return Promise.resolve(false);
    renewing ??= withTabLock(renewOnce).finally(() => {
      renewing = null;
    });
    return renewing;
  },
};

/**
 * One renewal at a time across every tab: a refresh token works once, so two tabs renewing with the same one
 * would look like theft to the server and end the session everywhere.
 */
async function withTabLock(work: () => Promise<boolean>): Promise<boolean> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('okr-session-renewal', work) : work();
}

async function renewOnce(): Promise<boolean> {
  const session = state.session;
  if (!session) return false;

  let response: Response;
  try {
    // The session cookie goes along (same origin); the header is the CSRF guard the server asks for.
    response = await globalThis.fetch(new Request(`${globalThis.location?.origin ?? ''}/api/v1/auth/session/refresh`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-Okr-Client': 'web' },
    }));
  } catch {
    return false; // offline for a moment: keep the session and try again on the next request
  }

  if (response.ok) {
    set({ session: sessionFrom((await response.json()) as TokenAnswer, session.email, session.since), expired: false });
    return true;
  }

  // Only a refused session ends it; a busy or failing server does not.
  if (response.status === 400 || response.status === 401 || response.status === 403) authStore.expire();
  return false;
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) authStore.reload();
  });
  // Renew on time even when no request is made.
  window.setInterval(() => {
    if (state.session && !state.expired && state.session.expiresAt <= Date.now()) void authStore.renew();
  }, 15_000);
}
