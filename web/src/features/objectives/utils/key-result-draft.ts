import type { Schemas } from '@/lib/api-client';
import type { Direction } from './wording';

/** A key result as the form holds it: text fields, so a half-typed number is not lost. */
export interface KeyResultDraft {
  title: string;
  type: 'metric' | 'milestone';
  direction: Direction;
  baseline: string;
  target: string;
  unit: 'number' | 'percent' | 'currency' | 'custom';
  customUnit: string;
  currencyCode: string;
  weight: string;
  ownerId: string;
}

export const emptyKeyResult = (ownerId = ''): KeyResultDraft => ({
  title: '', type: 'metric', direction: 'increase', baseline: '', target: '', unit: 'number', customUnit: '', currencyCode: 'EUR', weight: '1', ownerId,
});

/** The form's view of an existing key result, for editing. */
export function fromKeyResult(kr: Schemas['KeyResult']): KeyResultDraft {
  const known = ['number', 'percent', 'currency'].includes(kr.unit);
  return {
    title: kr.title,
    type: kr.type,
    direction: kr.direction,
    baseline: String(kr.baseline),
    target: String(kr.target),
    unit: kr.type === 'milestone' ? 'number' : known ? (kr.unit as KeyResultDraft['unit']) : 'custom',
    customUnit: known || kr.type === 'milestone' ? '' : kr.unit,
    currencyCode: kr.currencyCode ?? 'EUR',
    weight: String(kr.weight),
    ownerId: kr.ownerId ?? '',
  };
}

const number = (text: string) => (text.trim() === '' ? null : Number(text.replace(',', '.')));

export function toRequest(draft: KeyResultDraft): Schemas['CreateKeyResultRequest'] {
  const unit = draft.type === 'milestone' ? 'milestone' : draft.unit === 'custom' ? draft.customUnit.trim() : draft.unit;
  return {
    title: draft.title.trim(),
    type: draft.type,
    direction: draft.type === 'metric' ? draft.direction : undefined,
    baseline: draft.type === 'metric' ? number(draft.baseline) : null,
    target: draft.type === 'metric' ? number(draft.target) : null,
    unit,
    currencyCode: unit === 'currency' ? draft.currencyCode.trim().toUpperCase() : null,
    weight: number(draft.weight) ?? 1,
    ownerId: draft.ownerId || null,
  };
}
