import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { Webhooks } from './webhooks';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const webhook = {
  id: 'w1', url: 'https://hooks.example.com/okr', description: 'Dashboard', eventTypes: ['check_in.created'], active: false,
  disabledReason: 'The receiver answered 410 Gone on 2026-12-04 09:00 UTC: Okr switched the webhook off.', failingSince: null,
  previousSecretExpiresAt: null, version: 3, createdAt: '2026-12-01T00:00:00Z', modifiedAt: '2026-12-04T00:00:00Z',
};

function renderPage() {
  render(<QueryClientProvider client={new QueryClient()}><Webhooks /></QueryClientProvider>);
  return userEvent.setup();
}

it('creates a webhook with the chosen event types and shows its secret once', async () => {
  const fetch = vi.fn(async (request: Request) => request.method === 'POST'
    ? json(201, { webhook: { ...webhook, id: 'w2', active: true, disabledReason: null }, secret: 'whsec_abc123' })
    : json(200, { items: [], page: 1, pageSize: 500, totalCount: 0 }));
  vi.stubGlobal('fetch', fetch);
  const user = renderPage();
  expect(await screen.findByText(/No webhooks yet/)).toBeInTheDocument();

  await user.type(screen.getByLabelText('URL'), 'https://hooks.example.com/okr');
  await user.click(screen.getByRole('checkbox', { name: 'objective.created' }));
  await user.click(screen.getByRole('checkbox', { name: 'check_in.created' }));
  await user.click(screen.getByRole('button', { name: 'Create webhook' }));

  expect(await screen.findByText('whsec_abc123')).toBeInTheDocument();
  const post = fetch.mock.calls.map((c) => c[0]).find((r) => r.method === 'POST')!;
  expect(await post.json()).toEqual({ url: 'https://hooks.example.com/okr', eventTypes: ['key_result.status_changed', 'objective.created'] });
});

it('names the field the server refused', async () => {
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => request.method === 'POST'
    ? json(400, { status: 400, title: 'One or more validation errors occurred.', errors: { url: ["'url' must use https."] } })
    : json(200, { items: [], page: 1, pageSize: 500, totalCount: 0 })));
  const user = renderPage();
  await user.type(screen.getByLabelText('URL'), 'http://hooks.example.com');
  await user.click(screen.getByRole('button', { name: 'Create webhook' }));
  expect(await screen.findByText(/must use https/)).toBeInTheDocument();
  expect(screen.getByLabelText('URL')).toHaveAttribute('aria-invalid', 'true');
});

it('says why Okr switched a webhook off and lists its deliveries', async () => {
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => request.url.includes('/deliveries')
    ? json(200, { items: [{ id: 'd1', eventId: 'e1', eventType: 'check_in.created', subjectId: 's1', status: 'dead', attempts: 1, nextAttemptAt: null,
        lastAttemptAt: '2026-12-04T09:00:00Z', lastStatusCode: 410, lastError: 'The receiver answered 410 Gone.', responseSnippet: 'gone', createdAt: '2026-12-04T09:00:00Z' }], page: 1, pageSize: 50, totalCount: 1 })
    : json(200, { items: [webhook], page: 1, pageSize: 500, totalCount: 1 })));
  const user = renderPage();
  const card = await screen.findByRole('region', { name: 'Webhook Dashboard' });
  expect(within(card).getByText(/410 Gone on 2026-12-04/)).toBeInTheDocument();
  expect(within(card).getByRole('button', { name: 'Switch on' })).toBeInTheDocument();
  await user.click(within(card).getByRole('button', { name: 'Deliveries' }));
  const row = await within(card).findByRole('row', { name: /check_in.created/ });
  expect(row).toHaveTextContent('dead');
  expect(row).toHaveTextContent('HTTP 410');
});
