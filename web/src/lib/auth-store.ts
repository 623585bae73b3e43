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
    const session = state.session;
    if (!session?.refreshToken) {
      authStore.expire();
      return Promise.resolve(false);
    }
    renewing ??= globalThis
      .fetch(new Request(`${globalThis.location?.origin ?? ''}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refreshToken }),
      }))
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        set({ session: sessionFrom((await response.json()) as TokenAnswer, session.email), expired: false });
        return true;
      })
      .catch(() => {
        authStore.expire();
        return false;
      })
      .finally(() => {
        renewing = null;
      });
    return renewing;
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) authStore.reload();
  });
  // Renew on time even when no request is made.
  window.setInterval(() => {
    if (state.session && !state.expired && state.session.expiresAt <= Date.now()) void authStore.renew();
  }, 15_000);
}
