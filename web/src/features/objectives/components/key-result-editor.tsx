import { useMemo } from 'react';
import { SelectField, TextField } from '@/components/ui/field';
import { pickerLabels } from '@/features/users';
import type { Schemas } from '@/lib/api-client';
import type { KeyResultDraft } from '../utils/key-result-draft';
import { describeMeasure, directionVerbs, measureProblem, type Direction } from '../utils/wording';
import { toRequest } from '../utils/key-result-draft';

interface Props {
  index: number;
  draft: KeyResultDraft;
  onChange: (draft: KeyResultDraft) => void;
  onRemove?: () => void;
  users: Schemas['User'][];
  /** Server errors by field name within this key result ("title", "target", …). */
  errors: (field: string) => string | undefined;
  /** When the person may edit the key result but not hand it to someone else. */
  ownerLocked?: boolean;
}

/** One key result, written the way people say it: "Reduce [churn] from [8] [%] to [5]". */
export function KeyResultEditor({ index, draft, onChange, onRemove, users, errors, ownerLocked = false }: Props) {
  const labels = useMemo(() => pickerLabels(users), [users]);
  const set = <K extends keyof KeyResultDraft>(key: K, value: KeyResultDraft[K]) => onChange({ ...draft, [key]: value });
  const request = toRequest(draft);
  const numbersProblem =
    draft.type === 'metric' && draft.baseline !== '' && draft.target !== '' ? measureProblem(draft.direction, request.baseline ?? null, request.target ?? null) : null;

  return (
    <fieldset className="card stack" style={{ margin: 0 }}>
      <legend className="label" style={{ padding: '0 0.25rem', fontWeight: 700 }}>Key result {index + 1}</legend>
      <TextField
        label="What will you measure?"
        value={draft.title}
        onChange={(event) => set('title', event.target.value)}
        placeholder="e.g. Reduce churn from 8% to 5%"
        maxLength={200}
        error={errors('title')}
      />
      <div className="form-grid">
        <SelectField label="Kind" value={draft.type} onChange={(event) => set('type', event.target.value as KeyResultDraft['type'])}>
          <option value="metric">A number to move</option>
          <option value="milestone">A milestone (done / not done)</option>
        </SelectField>
        {draft.type === 'metric' && (
          <>
            <SelectField label="Direction" value={draft.direction} onChange={(event) => set('direction', event.target.value as Direction)} error={errors('direction')}>
              {Object.entries(directionVerbs).map(([value, verb]) => (
                <option key={value} value={value}>{verb}</option>
              ))}
            </SelectField>
            {(draft.direction === 'increase' || draft.direction === 'decrease') && (
              <TextField label="From" inputMode="decimal" value={draft.baseline} onChange={(event) => set('baseline', event.target.value)} error={errors('baseline')} hint="Where it stands today" />
            )}
            {draft.direction !== 'increase' && draft.direction !== 'decrease' && (
              <TextField label="Baseline" inputMode="decimal" value={draft.baseline} onChange={(event) => set('baseline', event.target.value)} error={errors('baseline')} hint="Where it stands today" />
            )}
            <TextField label={draft.direction.startsWith('stay') ? 'Threshold' : 'To'} inputMode="decimal" value={draft.target} onChange={(event) => set('target', event.target.value)} error={errors('target') ?? numbersProblem ?? undefined} />
            <SelectField label="Unit" value={draft.unit} onChange={(event) => set('unit', event.target.value as KeyResultDraft['unit'])} error={errors('unit')}>
              <option value="number">Number</option>
              <option value="percent">Percent</option>
              <option value="currency">Money</option>
              <option value="custom">Other…</option>
            </SelectField>
            {draft.unit === 'custom' && (
              <TextField label="Unit name" value={draft.customUnit} onChange={(event) => set('customUnit', event.target.value)} placeholder="hours, tickets…" maxLength={32} error={errors('unit')} />
            )}
            {draft.unit === 'currency' && (
              <TextField label="Currency" value={draft.currencyCode} onChange={(event) => set('currencyCode', event.target.value)} maxLength={3} hint="ISO code, e.g. EUR" error={errors('currencyCode')} />
            )}
          </>
        )}
        <SelectField label="Owner" value={draft.ownerId} onChange={(event) => set('ownerId', event.target.value)} error={errors('ownerId')}
          disabled={ownerLocked} hint={ownerLocked ? 'Whoever may change the objective hands its key results to others.' : undefined}>
          <option value="">Nobody yet</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>{labels.get(user.id) ?? user.displayName}</option>
          ))}
        </SelectField>
        <TextField label="Weight" inputMode="decimal" value={draft.weight} onChange={(event) => set('weight', event.target.value)} error={errors('weight')} hint="Counts this much in the objective" />
      </div>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="small muted" aria-live="polite">
          {draft.type === 'milestone' || (request.baseline !== null && request.target !== null && !numbersProblem)
            ? describeMeasure({ type: draft.type, direction: draft.direction, baseline: request.baseline ?? 0, target: request.target ?? 1, unit: request.unit, currencyCode: request.currencyCode })
            : 'Every key result holds a number: say where it starts and where it must get to.'}
        </span>
        {onRemove && (
          <button type="button" className="button button--danger button--small" onClick={onRemove}>Remove key result {index + 1}</button>
        )}
      </div>
    </fieldset>
  );
}
