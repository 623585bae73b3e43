import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { authStore } from '@/lib/auth-store';
import { SignInForm } from './sign-in-form';

afterEach(() => {
  vi.unstubAllGlobals();
  authStore.signOut();
});

const answer = (status: number, body: unknown) =>
  vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } }));

it('says in words when the password is wrong', async () => {
  vi.stubGlobal('fetch', answer(401, { status: 401, title: 'Not signed in.', detail: 'The email or password is not correct.' }));
  const user = userEvent.setup();
  render(<SignInForm />);
  await user.type(screen.getByLabelText('Email'), 'sam@demo.okr');
  await user.type(screen.getByLabelText('Password'), 'wrong');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByRole('alert')).toHaveTextContent('That email and password do not match');
  expect(authStore.snapshot().session).toBeNull();
});

it('keeps the session once signed in', async () => {
  vi.stubGlobal('fetch', answer(200, { accessToken: 'a.b.c', expiresIn: 3600, tokenType: 'Bearer' }));
  const signedIn = vi.fn();
  const user = userEvent.setup();
  render(<SignInForm onSignedIn={signedIn} />);
  await user.type(screen.getByLabelText('Email'), 'sam@demo.okr');
  await user.type(screen.getByLabelText('Password'), 'okr-demo-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  await vi.waitFor(() => expect(signedIn).toHaveBeenCalled());
  expect(authStore.token()).toBe('a.b.c');
  expect(JSON.parse(localStorage.getItem('okr.session')!).email).toBe('sam@demo.okr');
});

it('asks for both fields before calling the API', async () => {
  const fetch = answer(200, {});
  vi.stubGlobal('fetch', fetch);
  const user = userEvent.setup();
  render(<SignInForm />);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(screen.getByRole('alert')).toHaveTextContent('Enter your email and password.');
  expect(fetch).not.toHaveBeenCalled();
});

it('asks for the authenticator code once the password was right, and sends it with the password', async () => {
  const bodies: unknown[] = [];
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    const body = await request.clone().json() as { totpCode?: string | null };
    bodies.push(body);
    return body.totpCode
      ? new Response(JSON.stringify({ accessToken: 'a.b.c', expiresIn: 3600, tokenType: 'Bearer' }), { status: 200, headers: { 'Content-Type': 'application/json' } })
      : new Response(JSON.stringify({ status: 401, title: 'A code is needed.', errors: { totpCode: ['Enter the 6-digit code'] } }), { status: 401, headers: { 'Content-Type': 'application/problem+json' } });
  }));
  const signedIn = vi.fn();
  const user = userEvent.setup();
  render(<SignInForm onSignedIn={signedIn} />);
  await user.type(screen.getByLabelText('Email'), 'sam@demo.okr');
  await user.type(screen.getByLabelText('Password'), 'okr-demo-password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  await user.type(await screen.findByLabelText('Code from your authenticator app'), '123456');
  expect(screen.queryByRole('alert')).toBeNull(); // asking for the code is not an error
  await user.click(screen.getByRole('button', { name: 'Verify and sign in' }));
  await vi.waitFor(() => expect(signedIn).toHaveBeenCalled());
  expect(bodies.at(-1)).toMatchObject({ email: 'sam@demo.okr', password: 'okr-demo-password', totpCode: '123456' });
});
