import { afterEach, vi } from 'vitest';
import { signIn, signOut } from './auth';
import { authStore } from './auth-store';

afterEach(() => {
  vi.unstubAllGlobals();
  authStore.signOut();
  localStorage.clear();
});

const token = () => new Response(JSON.stringify({ accessToken: 'a', expiresIn: 900, tokenType: 'Bearer' }), { status: 200, headers: { 'Content-Type': 'application/json' } });

it('ends the server session left behind by a sign-out that could not reach it, before the next sign-in', async () => {
  authStore.signIn({ token: 't', email: 'sam@demo.okr', expiresAt: Date.now() + 60_000, since: 1 });
  vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline'); }));
  await signOut();
  expect(authStore.snapshot().session).toBeNull(); // signed out here at once
  expect(localStorage.getItem('okr.sign-out-pending')).toBe('1');

  const calls: string[] = [];
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    calls.push(`${request.method} ${new URL(request.url).pathname}`);
    return request.method === 'DELETE' ? new Response(null, { status: 204 }) : token();
  }));
  await signIn('sam@demo.okr', 'okr-demo-password');
  expect(calls).toEqual(['DELETE /api/v1/auth/session', 'POST /api/v1/auth/session']);
  expect(localStorage.getItem('okr.sign-out-pending')).toBeNull();
});

it('needs no second try when the sign-out reached the server', async () => {
  authStore.signIn({ token: 't', email: 'sam@demo.okr', expiresAt: Date.now() + 60_000, since: 1 });
  vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })));
  await signOut();
  expect(localStorage.getItem('okr.sign-out-pending')).toBeNull();
});
