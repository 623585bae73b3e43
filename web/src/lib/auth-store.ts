/**
 * The signed-in session, kept in localStorage so it survives reloads. When the token expires (or the API
 * answers 401), the session is marked expired instead of being dropped: the page stays, a sign-in dialog
 * appears over it, and whatever the person was typing is still there afterwards.
 */
export interface Session {
  token: string;
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
    return { session, expired: session !== null && session.expiresAt <= Date.now() };
  } catch {
    return { session: null, expired: false };
  }
}

let state: State = load();

function set(next: State) {
  state = next;
  if (next.session) localStorage.setItem(KEY, JSON.stringify(next.session));
  else localStorage.removeItem(KEY);
  listeners.forEach((listener) => listener());
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
  /** Re-reads storage (another tab may have signed in or out). */
  reload() {
    set(load());
  },
};

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) authStore.reload();
  });
  // Expire on time even when no request is made.
  window.setInterval(() => {
    if (state.session && !state.expired && state.session.expiresAt <= Date.now()) authStore.expire();
  }, 15_000);
}
