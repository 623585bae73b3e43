import type { Schemas } from '@/lib/api-client';
import { describeRescope } from './check-ins';

const definition = (overrides: Partial<Schemas['KeyResultDefinition']> = {}): Schemas['KeyResultDefinition'] => ({
  type: 'metric',
  direction: 'increase',
  baseline: 0,
  target: 10,
  ...overrides,
});

it('names each part of a re-scope that changed, and only those', () => {
  expect(describeRescope({ before: definition(), after: definition({ target: 20 }) })).toBe('target 10 → 20');
  expect(describeRescope({ before: definition(), after: definition({ direction: 'stay_above', baseline: 5 }) })).toBe(
    'direction increase → stay above, baseline 0 → 5',
  );
});
