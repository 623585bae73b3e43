/**
 * The signed-in session, kept in localStorage so it survives reloads. Access tokens are short-lived: the
 * refresh token renews them quietly. Only when that fails is the session marked expired — the page stays,
 * a sign-in dialog appears over it, and whatever the person was typing is still there afterwards.
 */
export interface Session {
  token: string;
  refreshToken: string | null;
  expiresAt: number;
  email: string;
}

type State = { session: Session | null; expired: boolean };

const KEY = 'okr.session';
const listeners = new Set<() => void>();

function load(): State {
  try {
    const raw = localStorage.getItem(KEY);
    const session = raw ? (JSON.parse(raw) as Session) : null;
    return { session, expired: session !== null && session.expiresAt <= Date.now() && !session.refreshToken };
  } catch {
    return { session: null, expired: false };
  }
}

let state: State = load();
let renewing: Promise<boolean> | null = null;

function set(next: State) {
  state = next;
  if (next.session) localStorage.setItem(KEY, JSON.stringify(next.session));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
}

interface TokenAnswer {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string | null;
}

export function sessionFrom(token: TokenAnswer, email: string): Session {
  // Renew a little early so no request goes out with a token about to lapse.
  return { token: token.accessToken, refreshToken: token.refreshToken ?? null, email, expiresAt: Date.now() + (token.expiresIn - 30) * 1000 };
}

export const authStore = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: () => state,
  token: () => (state.session && !state.expired ? state.session.token : null),
  signIn(session: Session) {
    set({ session, expired: false });
  },
  expire() {
    if (state.session && !state.expired) set({ ...state, expired: true });
  },
  signOut() {
    set({ session: null, expired: false });
  },
  /** Re-reads storage (another tab may have signed in, out, or renewed). */
  reload() {
    set(load());
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
  // Another tab may have renewed while this one waited for the lock: take its session instead.
  const stored = load();
  if (stored.session && stored.session.expiresAt > Date.now() && stored.session.token !== state.session?.token) {
    set(stored);
    return true;
  }

  const session = state.session;
  if (!session?.refreshToken) {
    authStore.expire();
    return false;
  }

  let response: Response;
  try {
    response = await globalThis.fetch(new Request(`${globalThis.location?.origin ?? ''}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    }));
  } catch {
    return false; // offline for a moment: keep the session and try again on the next request
  }

  if (response.ok) {
    set({ session: sessionFrom((await response.json()) as TokenAnswer, session.email), expired: false });
    return true;
  }

  // Only a refused refresh token ends the session; a busy or failing server does not.
  if (response.status === 400 || response.status === 401) authStore.expire();
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
