import { afterEach, vi } from 'vitest';
import { authStore } from './auth-store';

const session = (refreshToken: string | null, expiresIn = -1000) => ({ token: 'old', refreshToken, email: 'sam@demo.okr', expiresAt: Date.now() + expiresIn });

afterEach(() => {
  vi.unstubAllGlobals();
  authStore.signOut();
});

it('renews an expired access token with the refresh token', async () => {
  authStore.signIn(session('rt-1'));
  const fetch = vi.fn(async () => new Response(JSON.stringify({ accessToken: 'new', expiresIn: 900, refreshToken: 'rt-2' }), { status: 200 }));
  vi.stubGlobal('fetch', fetch);
  expect(await authStore.renew()).toBe(true);
  expect(authStore.token()).toBe('new');
  expect(authStore.snapshot().session?.refreshToken).toBe('rt-2');
  expect(fetch).toHaveBeenCalledTimes(1);
});

it('renews once when many requests ask at the same time', async () => {
  authStore.signIn(session('rt-1'));
  const fetch = vi.fn(async () => new Response(JSON.stringify({ accessToken: 'new', expiresIn: 900, refreshToken: 'rt-2' }), { status: 200 }));
  vi.stubGlobal('fetch', fetch);
  await Promise.all([authStore.renew(), authStore.renew(), authStore.renew()]);
  expect(fetch).toHaveBeenCalledTimes(1);
});

it('ends the session when the refresh token is refused', async () => {
  authStore.signIn(session('rt-spent'));
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
  expect(await authStore.renew()).toBe(false);
  expect(authStore.snapshot().expired).toBe(true);
});

it('keeps the session when the server is only busy', async () => {
  authStore.signIn(session('rt-1'));
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 503 })));
  expect(await authStore.renew()).toBe(false);
  expect(authStore.snapshot().expired).toBe(false);
});
