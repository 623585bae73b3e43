import type { Schemas } from '@/lib/api-client';
import { emptyKeyResult, fromKeyResult, toRequest } from './key-result-draft';

it('round-trips an existing key result through the form', () => {
  const kr = {
    id: 'k', objectiveId: 'o', title: 'Reduce first response time from 24 to 4 hours', type: 'metric', direction: 'decrease', baseline: 24, target: 4,
    currentValue: 11, unit: 'hours', currencyCode: null, weight: 2, ownerId: 'u', externalId: null, progress: 0.65, status: 'on_track', confidence: 7,
    lastCheckInAt: null, lastCheckInNote: null, cadenceDays: 7, stale: false, version: 1, createdAt: '', modifiedAt: '',
    permissions: { canEdit: true, canDelete: true, canCheckIn: true, canChangeOwner: true, editableFields: ['title', 'target'] },
  } satisfies Schemas['KeyResult'];
  const draft = fromKeyResult(kr);
  expect(draft).toMatchObject({ unit: 'custom', customUnit: 'hours', baseline: '24', target: '4', weight: '2' });
  expect(toRequest(draft)).toMatchObject({ direction: 'decrease', baseline: 24, target: 4, unit: 'hours', weight: 2, ownerId: 'u' });
});

describe('toRequest', () => {
  it('turns "Reduce churn from 8% to 5%" into a decreasing percent metric', () => {
    const request = toRequest({ ...emptyKeyResult(), title: ' Reduce churn from 8% to 5% ', direction: 'decrease', baseline: '8', target: '5', unit: 'percent' });
    expect(request).toMatchObject({ title: 'Reduce churn from 8% to 5%', type: 'metric', direction: 'decrease', baseline: 8, target: 5, unit: 'percent', currencyCode: null });
  });

  it('sends a milestone without numbers', () => {
    expect(toRequest({ ...emptyKeyResult(), title: 'Launch', type: 'milestone', baseline: '3' })).toMatchObject({ type: 'milestone', unit: 'milestone', baseline: null, target: null, direction: undefined });
  });

  it('keeps empty numbers empty so the API can name the missing field', () => {
    expect(toRequest({ ...emptyKeyResult(), title: 'x' })).toMatchObject({ baseline: null, target: null });
  });

  it('accepts decimal commas, custom units and currency codes', () => {
    expect(toRequest({ ...emptyKeyResult(), title: 'x', baseline: '7,2', target: '8,5', unit: 'custom', customUnit: 'points' })).toMatchObject({ baseline: 7.2, target: 8.5, unit: 'points' });
    expect(toRequest({ ...emptyKeyResult(), title: 'x', unit: 'currency', currencyCode: 'usd' }).currencyCode).toBe('USD');
  });
});
