import { afterEach, vi } from 'vitest';
import { authStore } from './auth-store';

const session = (expiresIn = -1000) => ({ token: 'old', email: 'sam@demo.okr', expiresAt: Date.now() + expiresIn, since: 1 });
const renewed = () => vi.fn(async (_request: Request) => new Response(JSON.stringify({ accessToken: 'new', expiresIn: 900, tokenType: 'Bearer' }), { status: 200 }));

afterEach(() => {
  vi.unstubAllGlobals();
  authStore.signOut();
});

it('renews an expired access token from the session cookie, with the CSRF header', async () => {
  authStore.signIn(session());
  const fetch = renewed();
  vi.stubGlobal('fetch', fetch);
  expect(await authStore.renew()).toBe(true);
  expect(authStore.token()).toBe('new');
  const request = fetch.mock.calls[0]![0];
  expect(new URL(request.url).pathname).toBe('/api/v1/auth/session/refresh');
  expect(request.headers.get('X-Okr-Client')).toBe('web');
  expect(request.credentials).toBe('same-origin');
});

it('keeps no token where a script could read it: storage holds only who is signed in', () => {
  authStore.signIn(session(60_000));
  expect(JSON.parse(localStorage.getItem('okr.session')!)).toEqual({ email: 'sam@demo.okr', since: 1 });
  expect(localStorage.getItem('okr.session')).not.toContain('old');
});

it('renews once when many requests ask at the same time', async () => {
  authStore.signIn(session());
  const fetch = renewed();
  vi.stubGlobal('fetch', fetch);
  await Promise.all([authStore.renew(), authStore.renew(), authStore.renew()]);
  expect(fetch).toHaveBeenCalledTimes(1);
});

it('ends the session when the server refuses it', async () => {
  authStore.signIn(session());
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
  expect(await authStore.renew()).toBe(false);
  expect(authStore.snapshot().expired).toBe(true);
});

it('keeps the session when the server is only busy', async () => {
  authStore.signIn(session());
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 503 })));
  expect(await authStore.renew()).toBe(false);
  expect(authStore.snapshot().expired).toBe(false);
});

it('lifts an expired session when another tab signs in again as the same person', async () => {
  authStore.signIn(session());
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
  await authStore.renew();
  expect(authStore.snapshot().expired).toBe(true);

  // The other tab's sign-in set a fresh cookie and wrote a new marker.
  localStorage.setItem('okr.session', JSON.stringify({ email: 'sam@demo.okr', since: 2 }));
  const fetch = renewed();
  vi.stubGlobal('fetch', fetch);
  authStore.reload();
  expect(authStore.snapshot().expired).toBe(false);
  await vi.waitFor(() => expect(authStore.token()).toBe('new'));
  expect(authStore.snapshot().session?.since).toBe(2);
});

it('stays expired when storage did not change (no new sign-in elsewhere)', async () => {
  authStore.signIn(session());
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
  await authStore.renew();
  authStore.reload();
  expect(authStore.snapshot().expired).toBe(true);
});
