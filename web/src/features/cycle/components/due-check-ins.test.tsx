import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, vi } from 'vitest';
import { DueCheckIns } from './due-check-ins';

afterEach(() => vi.unstubAllGlobals());

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

const due = {
  page: 1, pageSize: 100, totalCount: 2,
  items: [
    { keyResultId: 'k1', title: 'Reduce churn', objectiveId: 'o1', objectiveTitle: 'Keep customers', ownerId: 'u1', lastCheckInAt: null, dueSince: '2026-11-01T00:00:00Z', daysOverdue: 32 },
    { keyResultId: 'k2', title: 'Grow referrals', objectiveId: 'o1', objectiveTitle: 'Keep customers', ownerId: 'u1', lastCheckInAt: '2026-11-25T00:00:00Z', dueSince: '2026-12-02T00:00:00Z', daysOverdue: 1 },
  ],
};

const objective = {
  id: 'o1', title: 'Keep customers', keyResults: [
    { id: 'k1', title: 'Reduce churn', type: 'metric', direction: 'decrease', baseline: 8, target: 5, currentValue: 7, unit: 'percent', currencyCode: null, confidence: 6, weight: 1, progress: 0.33 },
  ],
};

function serve() {
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/due-check-ins') return json(due);
    if (path === '/api/v1/objectives/o1') return json(objective);
    return json({ items: [], totalCount: 0, page: 1, pageSize: 500 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderDue(teamId?: string) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter><DueCheckIns teamId={teamId} /></MemoryRouter>
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

it('lists what is due, most overdue first, in words', async () => {
  const fetch = serve();
  renderDue();
  const list = await screen.findByRole('region', { name: /Check-ins due/ });
  const items = within(list).getAllByRole('listitem').map((li) => li.textContent);
  expect(items[0]).toContain('Reduce churn');
  expect(items[0]).toContain('never checked in, 32 days overdue');
  expect(items[1]).toContain('1 day overdue');
  expect(within(list).getAllByRole('link', { name: 'Keep customers' })).toHaveLength(2);
  // The caller's own: no teamId in the query.
  expect(new URL(fetch.mock.calls[0]![0].url).searchParams.get('teamId')).toBeNull();
});

it('opens the check-in for a due key result in one click', async () => {
  serve();
  const user = renderDue();
  await user.click(await screen.findByRole('button', { name: 'Check in: Reduce churn' }));
  // The key result is read from its objective, then the usual check-in form opens with its current value.
  expect(await screen.findByRole('heading', { name: 'Check in: Reduce churn' })).toBeInTheDocument();
  expect(screen.getByLabelText(/New value/)).toHaveValue('7');
});

it('shows nothing when nothing is due', async () => {
  vi.stubGlobal('fetch', vi.fn(async () => json({ page: 1, pageSize: 100, totalCount: 0, items: [] })));
  renderDue('t1');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(screen.queryByRole('region')).toBeNull();
});
