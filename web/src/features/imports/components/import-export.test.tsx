import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import { ImportPanel, RecentImports } from './import-export';

afterEach(() => vi.unstubAllGlobals());

const answer = (status: number, body: unknown) =>
  vi.fn(async (_request: Request) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } }));

const none = { created: 0, updated: 0, unchanged: 0 };

function renderPanel() {
  render(<QueryClientProvider client={new QueryClient()}><ImportPanel /></QueryClientProvider>);
  return userEvent.setup();
}

it('checks a CSV file with a dry run and shows what would change', async () => {
  const fetch = answer(200, {
    id: 'j1', status: 'succeeded', format: 'csv', dryRun: true, createdAt: '', startedAt: '', finishedAt: '', durationMs: 1200, recordsRead: 4, problem: null,
    counts: { teams: none, users: none, memberships: none, periods: none, objectives: { created: 3, updated: 0, unchanged: 0 }, keyResults: { created: 4, updated: 0, unchanged: 0 }, checkIns: none },
  });
  vi.stubGlobal('fetch', fetch);
  const user = renderPanel();
  await user.upload(screen.getByLabelText('File'), new File(['objective_external_id\n'], 'okrs.csv', { type: 'text/csv' }));
  await user.click(screen.getByRole('button', { name: 'Check file' }));

  expect(await screen.findByRole('status')).toHaveTextContent('Checked 4 records in 1.2 s');
  expect(screen.getByRole('row', { name: /Objectives/ })).toHaveTextContent('3');
  const request = fetch.mock.calls[0]![0];
  expect(request.url).toContain('/api/v1/imports?dryRun=true');
  expect(request.headers.get('Content-Type')).toBe('text/csv');
});

it('lists every error of a refused file with its row', async () => {
  vi.stubGlobal('fetch', answer(422, {
    status: 422, title: 'The import has 2 errors.', detail: 'Nothing was imported.', importId: 'j2', errorCount: 2,
    errors: [{ row: 3, path: null, field: 'team', message: "The team 'x' does not exist." }, { row: 7, path: null, field: 'target', message: 'Below its baseline.' }],
  }));
  const user = renderPanel();
  await user.upload(screen.getByLabelText('File'), new File(['{}'], 'okrs.json', { type: 'application/json' }));
  await user.click(screen.getByRole('button', { name: 'Import' }));

  expect(await screen.findByRole('alert')).toHaveTextContent('The file has 2 errors');
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(["Row 3, team: The team 'x' does not exist.", 'Row 7, target: Below its baseline.']);
});

it('asks for a file before sending anything', async () => {
  const fetch = answer(200, {});
  vi.stubGlobal('fetch', fetch);
  const user = renderPanel();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  expect(screen.getByRole('alert')).toHaveTextContent('Choose a file to import first.');
  expect(fetch).not.toHaveBeenCalled();
});

it('lists recent imports with how they ended', async () => {
  vi.stubGlobal('fetch', answer(200, {
    page: 1, pageSize: 10, totalCount: 2,
    items: [
      { id: 'a', status: 'succeeded', format: 'csv', dryRun: false, createdAt: '2026-11-20T09:30:00Z', startedAt: null, finishedAt: null, durationMs: 900, recordsRead: 4, problem: null,
        counts: { teams: none, users: none, memberships: none, periods: none, objectives: { created: 3, updated: 0, unchanged: 0 }, keyResults: { created: 4, updated: 0, unchanged: 0 }, checkIns: none } },
      { id: 'b', status: 'failed', format: 'json', dryRun: true, createdAt: '2026-11-21T10:00:00Z', startedAt: null, finishedAt: null, durationMs: 5, recordsRead: 2, counts: null,
        problem: { title: 'The import has 2 errors.', detail: '', errorCount: 2, errors: [] } },
    ],
  }));
  render(<QueryClientProvider client={new QueryClient()}><RecentImports /></QueryClientProvider>);
  const rows = await screen.findAllByRole('row');
  expect(rows[1]).toHaveTextContent('CSV');
  expect(rows[1]).toHaveTextContent('7 created, 0 updated, 0 unchanged');
  expect(rows[2]).toHaveTextContent('JSON (check only)');
  expect(rows[2]).toHaveTextContent('Failed: The import has 2 errors.');
});

it('asks the server to invite the people the import creates when the box is ticked', async () => {
  const fetch = answer(200, {
    id: 'j2', status: 'succeeded', format: 'csv', dryRun: false, createdAt: '', startedAt: '', finishedAt: '', durationMs: 800, recordsRead: 2, problem: null,
    counts: { teams: none, users: { created: 2, updated: 0, unchanged: 0 }, memberships: none, periods: none, objectives: none, keyResults: none, checkIns: none },
  });
  vi.stubGlobal('fetch', fetch);
  const user = renderPanel();
  await user.upload(screen.getByLabelText('File'), new File(['user_email\n'], 'people.csv', { type: 'text/csv' }));
  await user.click(screen.getByRole('checkbox', { name: 'Email an invitation to each person the import creates' }));
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await screen.findByRole('status');
  expect(fetch.mock.calls[0]![0].url).toContain('invite=true');
});
