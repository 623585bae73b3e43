import type { Schemas } from './api-client';

/** A key result's or objective's health, as the API computes it. */
export type Status = Schemas['Status'];

export const statusLabels: Record<Status, string> = {
  on_track: 'On track',
  behind: 'Behind',
  at_risk: 'At risk',
  not_started: 'Not started',
  closed: 'Closed',
};

/** A fraction 0..1 as a whole percentage: 0.654 → "65%". */
export const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;
