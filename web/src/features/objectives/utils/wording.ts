import type { Schemas } from '@/lib/api-client';

export type Direction = Schemas['Direction'];
export type KeyResultType = Schemas['KeyResultType'];

/** The verbs people use, in the order the form offers them. */
export const directionVerbs: Record<Direction, string> = {
  increase: 'Increase',
  decrease: 'Reduce',
  stay_above: 'Keep above',
  stay_below: 'Keep below',
};

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** "8%", "1,200", "€1.5M", "24 hours". Large numbers are shortened; small ones keep their decimals. */
export function formatValue(value: number, unit: string, currencyCode?: string | null): string {
  const number = Math.abs(value) >= 100_000 ? compact.format(value) : plain.format(value);
  switch (unit) {
    case 'percent':
      return `${number}%`;
    case 'number':
      return number;
    case 'milestone':
      return value >= 1 ? 'done' : 'not done';
    case 'currency': {
      if (!currencyCode) return number;
      const large = Math.abs(value) >= 100_000;
      const format = new Intl.NumberFormat('en', {
        style: 'currency',
        currency: currencyCode,
        notation: large ? 'compact' : 'standard',
        minimumFractionDigits: large ? 0 : undefined,
        maximumFractionDigits: 2,
      });
      return format.format(value);
    }
    default:
      // The unit is people's text inside Okr's sentence: isolated (FSI … PDI, the text form of <bdi>), so that no
      // direction-changing character in it can reorder the words around it.
      return `${number} \u2068${unit}\u2069`;
  }
}

interface Measure {
  type: KeyResultType;
  direction: Direction;
  baseline: number;
  target: number;
  unit: string;
  currencyCode?: string | null;
}

/** How a key result reads: "Reduce from 8% to 5%", "Keep above 95%", "Done or not done". */
export function describeMeasure(measure: Measure): string {
  if (measure.type === 'milestone') return 'Done or not done';
  const from = formatValue(measure.baseline, measure.unit, measure.currencyCode);
  const to = formatValue(measure.target, measure.unit, measure.currencyCode);
  const verb = directionVerbs[measure.direction];
  return measure.direction === 'increase' || measure.direction === 'decrease' ? `${verb} from ${from} to ${to}` : `${verb} ${to}`;
}

/** A problem with the numbers of a metric, in the words the form shows, or null when they make sense. */
export function measureProblem(direction: Direction, baseline: number | null, target: number | null): string | null {
  if (baseline === null || Number.isNaN(baseline)) return 'Every key result needs a number to start from.';
  if (target === null || Number.isNaN(target)) return 'Every key result needs a target number.';
  if (direction === 'increase' && target <= baseline) return 'To increase, the target must be above the starting number.';
  if (direction === 'decrease' && target >= baseline) return 'To reduce, the target must be below the starting number.';
  return null;
}

export { percent } from '@/lib/status';
