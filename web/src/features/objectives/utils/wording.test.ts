import { describeMeasure, formatValue, measureProblem, percent } from './wording';

describe('formatValue', () => {
  it('writes percentages, plain numbers and custom units', () => {
    expect(formatValue(8, 'percent')).toBe('8%');
    expect(formatValue(1200, 'number')).toBe('1,200');
    expect(formatValue(7.25, 'number')).toBe('7.25');
    expect(formatValue(24, 'hours')).toBe('24 \u2068hours\u2069');
  });

  it('isolates a custom unit so that its characters cannot reorder the sentence around it', () => {
    const unit = 'hours \u202e';
    expect(describeMeasure({ type: 'metric', direction: 'decrease', baseline: 24, target: 4, unit })).toBe(
      'Reduce from 24 \u2068hours \u202e\u2069 to 4 \u2068hours \u202e\u2069',
    );
  });

  it('shortens large numbers and formats currencies', () => {
    expect(formatValue(1_500_000, 'currency', 'EUR')).toBe('€1.5M');
    expect(formatValue(1_500, 'currency', 'USD')).toBe('$1,500.00');
    expect(formatValue(250_000, 'number')).toBe('250K');
  });
});

describe('describeMeasure', () => {
  it('reads a decreasing key result the way people say it', () => {
    expect(describeMeasure({ type: 'metric', direction: 'decrease', baseline: 8, target: 5, unit: 'percent' })).toBe('Reduce from 8% to 5%');
  });

  it('reads increases, thresholds and milestones', () => {
    expect(describeMeasure({ type: 'metric', direction: 'increase', baseline: 40, target: 60, unit: 'number' })).toBe('Increase from 40 to 60');
    expect(describeMeasure({ type: 'metric', direction: 'stay_above', baseline: 0, target: 95, unit: 'percent' })).toBe('Keep above 95%');
    expect(describeMeasure({ type: 'milestone', direction: 'increase', baseline: 0, target: 1, unit: 'milestone' })).toBe('Done or not done');
  });
});

describe('measureProblem', () => {
  it('asks for both numbers', () => {
    expect(measureProblem('increase', null, 5)).toMatch(/start/);
    expect(measureProblem('increase', 1, null)).toMatch(/target/);
  });

  it('checks that the direction and the numbers agree', () => {
    expect(measureProblem('decrease', 8, 5)).toBeNull();
    expect(measureProblem('decrease', 5, 8)).toMatch(/below/);
    expect(measureProblem('increase', 5, 5)).toMatch(/above/);
    expect(measureProblem('stay_below', 0, 2)).toBeNull();
  });
});

it('shows fractions as whole percentages', () => {
  expect(percent(0.625)).toBe('63%');
  expect(percent(1)).toBe('100%');
});
