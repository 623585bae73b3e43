import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, vi } from 'vitest';
import type { Schemas } from '@/lib/api-client';
import { localToday, measuredAtFor } from '../utils/measured-at';
import { CheckInDialog } from './check-in-dialog';

afterEach(() => vi.unstubAllGlobals());

const keyResult = {
  id: 'k1', objectiveId: 'o1', title: 'Reduce churn', type: 'metric', direction: 'decrease', baseline: 8, target: 5, currentValue: 7, unit: 'percent',
  currencyCode: null, weight: 1, ownerId: null, externalId: null, progress: 0.33, status: 'on_track', confidence: 6, lastCheckInAt: null, lastCheckInNote: null, cadenceDays: 7,
  stale: false, version: 1, createdAt: '', modifiedAt: '',
  permissions: { canEdit: true, canDelete: true, canCheckIn: true, canChangeOwner: true, editableFields: [] },
} as unknown as Schemas['KeyResult'];

function renderDialog() {
  const bodies: Record<string, unknown>[] = [];
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    bodies.push(await request.clone().json() as Record<string, unknown>);
    return new Response(JSON.stringify({ id: 'c1' }), { status: 201, headers: { 'Content-Type': 'application/json' } });
  }));
  const onClose = vi.fn();
  render(<QueryClientProvider client={new QueryClient()}><CheckInDialog objectiveId="o1" keyResult={keyResult} open onClose={onClose} /></QueryClientProvider>);
  return { bodies, onClose, user: userEvent.setup() };
}

it('records today by default, without a measuredAt (the API uses now)', async () => {
  const { bodies, onClose, user } = renderDialog();
  expect(screen.getByLabelText('Measured on')).toHaveValue(localToday());
  await user.clear(screen.getByLabelText(/New value/));
  await user.type(screen.getByLabelText(/New value/), '6.5');
  await user.click(screen.getByRole('button', { name: 'Save check-in' }));
  await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
  expect(bodies[0]).toMatchObject({ value: 6.5, confidence: 6 });
  expect(bodies[0]).not.toHaveProperty('measuredAt');
});

it('catches up on an earlier day, and refuses a day in the future in words', async () => {
  const { bodies, onClose, user } = renderDialog();
  const day = screen.getByLabelText('Measured on');
  const tomorrow = localToday(new Date(Date.now() + 86_400_000));
  await user.clear(day);
  await user.type(day, tomorrow);
  await user.click(screen.getByRole('button', { name: 'Save check-in' }));
  expect(await screen.findByText('The day cannot be in the future.')).toBeInTheDocument();
  expect(bodies).toHaveLength(0);

  const lastWeek = localToday(new Date(Date.now() - 7 * 86_400_000));
  await user.clear(day);
  await user.type(day, lastWeek);
  await user.click(screen.getByRole('button', { name: 'Save check-in' }));
  await vi.waitFor(() => expect(onClose).toHaveBeenCalled());
  expect(bodies[0]!.measuredAt).toBe(measuredAtFor(lastWeek));
  expect(new Date(bodies[0]!.measuredAt as string).getTime()).toBeLessThan(Date.now());
});
