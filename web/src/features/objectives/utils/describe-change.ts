import type { Schemas } from '@/lib/api-client';

export type AuditEntry = Schemas['AuditEntry'];

/** One field of a change, in words: "target: 10 → 20". */
export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

/** An audit entry as a person reads it: "changed the key result “Grow referrals”" with each field from → to. */
export interface ChangeLine {
  id: string;
  at: string;
  summary: string;
  fields: FieldChange[];
}

/** How names are looked up: people, teams, and the titles of this objective's key results and neighbours. */
export interface Names {
  user: (id: string) => string | undefined;
  team: (id: string) => string | undefined;
  objective: (id: string) => string | undefined;
  keyResult: (id: string) => string | undefined;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Changes = Record<string, { old: Json; new: Json } | undefined>;

// What a check-in moves on its key result: the check-in line already says it, so these are not repeated as edits.
const followsFromCheckIns = new Set(['currentValue', 'confidence', 'lastCheckInAt', 'lastCheckInNote']);
// Keys and bookkeeping that say nothing to a person.
const hidden = new Set(['id', 'objectiveId', 'keyResultId', 'externalId', 'carriedOverFromId', 'carriedOverToId', 'importId']);

const labels: Record<string, string> = {
  title: 'title',
  description: 'description',
  state: 'state',
  ownerId: 'owner',
  teamId: 'team',
  parentId: 'aligned to',
  periodId: 'period',
  weight: 'weight',
  finalScore: 'final score',
  closingComment: 'closing comment',
  progressFrom: 'progress from',
  alignedShare: 'share from aligned objectives',
  type: 'type',
  direction: 'direction',
  baseline: 'baseline',
  target: 'target',
  unit: 'unit',
  currencyCode: 'currency',
  cadenceDays: 'check-in every (days)',
};

function words(field: string, value: Json, names: Names): string {
  if (value === null || value === '') return 'none';
  if (typeof value === 'string') {
    if (field === 'ownerId') return names.user(value) ?? 'someone';
    if (field === 'teamId') return names.team(value) ?? 'another team';
    if (field === 'parentId') return names.objective(value) ?? 'another objective';
    if (field === 'periodId') return 'another period';
    return value.replaceAll('_', ' ');
  }
  if ((field === 'finalScore' || field === 'alignedShare') && typeof value === 'number') return `${Math.round(value * 100)}%`;
  return String(value);
}

/**
 * An audit entry of an objective's history in words, or null when it only repeats what a check-in line says
 * (a key result's current value, confidence and note follow from its check-ins).
 */
export function describeChange(entry: AuditEntry, names: Names): ChangeLine | null {
  const changes = (entry.changes ?? {}) as Changes;
  const value = (field: string) => changes[field]?.new ?? changes[field]?.old ?? null;
  const line = (summary: string, fields: FieldChange[] = []): ChangeLine => ({ id: entry.id, at: entry.at, summary, fields });
  const quoted = (title: string | undefined) => (title ? `“${title}”` : '');

  if (entry.entityType === 'check_in') {
    if (entry.action !== 'created') return null;
    const title = names.keyResult(String(value('keyResultId') ?? ''));
    return line(`checked in ${String(value('value'))} on ${quoted(title) || 'a key result'}`);
  }

  const what = entry.entityType === 'key_result' ? 'the key result' : 'the objective';
  const title = (typeof value('title') === 'string' ? String(value('title')) : undefined)
    ?? (entry.entityType === 'key_result' ? names.keyResult(entry.entityId) : names.objective(entry.entityId));
  if (entry.action === 'created') return line(`created ${what} ${quoted(title)}`.trim());
  if (entry.action === 'deleted') return line(`deleted ${what} ${quoted(title)}`.trim());

  const fields = Object.entries(changes)
    .filter(([field]) => !hidden.has(field) && !followsFromCheckIns.has(field))
    .map(([field, change]) => ({ field: labels[field] ?? field, from: words(field, change!.old, names), to: words(field, change!.new, names) }));
  if (fields.length === 0) return null;
  const name = entry.entityType === 'key_result' ? quoted(names.keyResult(entry.entityId)) : '';
  const state = changes.state && fields.length === 1 ? ` (${words('state', changes.state.old, names)} → ${words('state', changes.state.new, names)})` : '';
  return line(`changed ${what}${name ? ` ${name}` : ''}${state}`, state ? [] : fields);
}
