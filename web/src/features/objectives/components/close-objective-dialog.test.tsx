import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import type { Objective } from '../api/objectives';
import { CloseObjectiveDialog } from './close-objective-dialog';

afterEach(() => vi.unstubAllGlobals());

const objective = { id: 'o1', title: 'Keep customers', progress: 0.62, version: 7 } as unknown as Objective;

function renderDialog() {
  const requests: { body: Record<string, unknown>; ifMatch: string | null }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    requests.push({ body: await request.clone().json() as Record<string, unknown>, ifMatch: request.headers.get('If-Match') });
    return new Response(JSON.stringify({ ...objective, state: 'closed' }), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }));
  const onClose = vi.fn();
  render(<QueryClientProvider client={new QueryClient()}><CloseObjectiveDialog objective={objective} open onClose={onClose} /></QueryClientProvider>);
  return { requests, onClose, user: userEvent.setup() };
}

it('suggests the progress reached as the score and sends the score and what was learned', async () => {
  const { requests, onClose, user } = renderDialog();
  const score = screen.getByLabelText('Score (%)');
  expect(score).toHaveValue('62');
  await user.clear(score);
  await user.type(score, '70');
  await user.type(screen.getByLabelText('What did we learn?'), 'Onboarding calls worked; pricing did not.');
  await user.click(screen.getByRole('button', { name: 'Close and score' }));
  await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
  expect(requests[0]!.body).toEqual({ state: 'closed', finalScore: 0.7, closingComment: 'Onboarding calls worked; pricing did not.' });
  expect(requests[0]!.ifMatch).toBe('"7"');
});

it('refuses a score outside 0 to 100 in words and sends nothing', async () => {
  const { requests, user } = renderDialog();
  await user.clear(screen.getByLabelText('Score (%)'));
  await user.type(screen.getByLabelText('Score (%)'), '130');
  await user.click(screen.getByRole('button', { name: 'Close and score' }));
  expect(await screen.findByText('Enter a score from 0 to 100.')).toBeInTheDocument();
  expect(requests).toHaveLength(0);
});
