import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { SingleSignOnButton, singleSignOnProblem } from './single-sign-on';

afterEach(() => vi.unstubAllGlobals());

const serve = (body: unknown) =>
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })));

const renderButton = (returnTo?: string) =>
  render(<QueryClientProvider client={new QueryClient()}><SingleSignOnButton returnTo={returnTo} /></QueryClientProvider>);

it('offers the provider by name, going back where the person started', async () => {
  serve({ enabled: true, name: 'Acme Login', startUrl: '/api/v1/auth/sso/start' });
  renderButton('/objectives/o1?tab=history');
  const link = await screen.findByRole('link', { name: 'Sign in with Acme Login' });
  expect(link).toHaveAttribute('href', '/api/v1/auth/sso/start?returnTo=%2Fobjectives%2Fo1%3Ftab%3Dhistory');
});

it('shows nothing when single sign-on is not configured', async () => {
  serve({ enabled: false, name: null, startUrl: null });
  const { container } = renderButton();
  await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
  expect(container).toBeEmptyDOMElement();
});

it('puts every refusal in words, and says nothing without one', () => {
  expect(singleSignOnProblem(null)).toBeNull();
  expect(singleSignOnProblem('no_account')).toMatch(/not in Okr yet/);
  expect(singleSignOnProblem('unverified_email')).toMatch(/verified email/);
  expect(singleSignOnProblem('deactivated')).toMatch(/deactivated/);
  expect(singleSignOnProblem('cancelled')).toMatch(/cancelled/);
  expect(singleSignOnProblem('anything-else')).toMatch(/did not work/);
});
