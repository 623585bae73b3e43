import type { Schemas } from '@/lib/api-client';
import { ApiError } from '@/lib/api-client';

export type ImportFormat = Schemas['ImportFormat'];
type ImportError = Schemas['ImportError'];
type ImportCounts = Schemas['ImportCounts'];

/** The import format of a chosen file, by its type or name; null when it is neither CSV nor JSON. */
export function detectFormat(file: { name: string; type: string }): ImportFormat | null {
  const name = file.name.toLowerCase();
  if (file.type === 'application/json' || name.endsWith('.json')) return 'json';
  if (file.type === 'text/csv' || file.type === 'application/vnd.ms-excel' || name.endsWith('.csv')) return 'csv';
  return null;
}

/** Where an error is, in words: "Row 12" for CSV, the JSON path otherwise. */
export function locationOf(error: ImportError): string {
  if (error.row != null) return `Row ${error.row}`;
  return error.path ?? 'The file';
}

/** The listed errors of a refused import (422), or none for any other failure. */
export function importErrorsOf(error: unknown): { errors: ImportError[]; total: number } {
  if (!(error instanceof ApiError) || error.status !== 422) return { errors: [], total: 0 };
  const problem = error.problem as unknown as Partial<Schemas['ImportRejection']>;
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  return { errors, total: problem.errorCount ?? errors.length };
}

const labels: [keyof ImportCounts, string][] = [
  ['teams', 'Teams'],
  ['users', 'People'],
  ['memberships', 'Team memberships'],
  ['periods', 'Periods'],
  ['objectives', 'Objectives'],
  ['keyResults', 'Key results'],
  ['checkIns', 'Check-ins'],
];

/** One row per kind of entity the import touched (kinds with nothing in the file are left out). */
export function countRows(counts: ImportCounts) {
  return labels
    .map(([key, label]) => ({ key, label, ...counts[key] }))
    .filter((row) => row.created + row.updated + row.unchanged > 0);
}

/** "3 created, 1 updated, 40 unchanged" over every kind of entity, for a one-line summary of an import. */
export function summarise(counts: ImportCounts | null | undefined): string {
  if (!counts) return '';
  const total = { created: 0, updated: 0, unchanged: 0 };
  for (const [key] of labels) {
    total.created += counts[key].created;
    total.updated += counts[key].updated;
    total.unchanged += counts[key].unchanged;
  }
  return `${total.created} created, ${total.updated} updated, ${total.unchanged} unchanged`;
}
