import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { ErrorMessage } from '@/components/ui/feedback';
import { TextAreaField, TextField, useFocusFirstError } from '@/components/ui/field';
import { ApiError, type Schemas } from '@/lib/api-client';
import { useRecordCheckIn } from '../api/check-ins';
import { localToday, measuredAtFor } from '../utils/measured-at';

interface Props {
  objectiveId: string;
  keyResult: Schemas['KeyResult'];
  open: boolean;
  onClose: () => void;
  /** Called once the API has recorded the check-in (before onClose). */
  onSaved?: () => void;
  /** Where focus goes afterwards when the button that opened it is gone (a due check-in leaves its list once done). */
  fallbackFocus?: () => HTMLElement | null;
}

const confidenceWords = ['No chance', 'Very unlikely', 'Unlikely', 'Doubtful', 'Unsure', 'Even odds', 'Hopeful', 'Likely', 'Very likely', 'Almost certain', 'Certain'];

/** Value, confidence and a note: the whole check-in, in one small form. */
export function CheckInDialog({ objectiveId, keyResult, open, onClose, onSaved, fallbackFocus }: Props) {
  const record = useRecordCheckIn(objectiveId);
  const [value, setValue] = useState(String(keyResult.currentValue));
  const [confidence, setConfidence] = useState(keyResult.confidence ?? 5);
  const [note, setNote] = useState('');
  const today = localToday();
  const [day, setDay] = useState(today);
  const [dayProblem, setDayProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const milestone = keyResult.type === 'milestone';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value.trim().replace(',', '.'));
    if (value.trim() === '' || Number.isNaN(number)) {
      setProblem('Enter the value as a number.');
      return;
    }
    setProblem(null);
    if (!day || day > today) {
      setDayProblem(day ? 'The day cannot be in the future.' : 'Choose the day the value applies to.');
      return;
    }
    setDayProblem(null);
    const measuredAt = measuredAtFor(day, today);
    record.mutate(
      { keyResultId: keyResult.id, body: { value: number, confidence, note: note.trim() || null, ...(measuredAt ? { measuredAt } : {}) } },
      { onSuccess: () => { setNote(''); setDay(localToday()); onSaved?.(); onClose(); } },
    );
    // The objective already shows the new value (optimistic); the dialog closes once the API agrees.
  };

  const fieldError = record.error instanceof ApiError ? record.error.fieldError('value') ?? record.error.fieldError('confidence') : undefined;
  const dayError = dayProblem ?? (record.error instanceof ApiError ? record.error.fieldError('measuredAt') : undefined);
  const ref = useFocusFirstError(record.error ?? problem ?? dayProblem);
  return (
    <Dialog open={open} title={`Check in: ${keyResult.title}`} onClose={onClose} fallbackFocus={fallbackFocus}>
      <form ref={ref} onSubmit={submit} className="stack" noValidate>
        {milestone ? (
          <fieldset className="field" style={{ border: 'none', padding: 0, margin: 0 }}>
            <legend className="label">Is it done?</legend>
            <div className="row">
              <label className="row" style={{ gap: '0.3rem' }}>
                <input type="radio" name="done" checked={value === '1'} onChange={() => setValue('1')} /> Done
              </label>
              <label className="row" style={{ gap: '0.3rem' }}>
                <input type="radio" name="done" checked={value !== '1'} onChange={() => setValue('0')} /> Not yet
              </label>
            </div>
          </fieldset>
        ) : (
          <TextField
            label={`New value${keyResult.unit !== 'number' ? ` (${keyResult.unit === 'currency' ? keyResult.currencyCode : keyResult.unit})` : ''}`}
            inputMode="decimal"
            value={value}
            onChange={(event) => { setValue(event.target.value); setProblem(null); }}
            error={problem ?? fieldError}
            hint={`Target ${keyResult.target}; now ${keyResult.currentValue}`}
            autoFocus
          />
        )}
        <div className="field">
          <label htmlFor="confidence">
            Confidence: {confidence}/10 <span className="muted">({confidenceWords[confidence]})</span>
          </label>
          <input
            id="confidence"
            type="range"
            min={0}
            max={10}
            step={1}
            value={confidence}
            aria-valuetext={`${confidence} out of 10, ${confidenceWords[confidence]}`}
            onChange={(event) => setConfidence(Number(event.target.value))}
          />
        </div>
        <TextField label="Measured on" type="date" max={today} value={day} error={dayError}
          onChange={(event) => { setDay(event.target.value); setDayProblem(null); }}
          hint="The day the value applies to: today, or an earlier day you are catching up on." />
        <TextAreaField label="Note" value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} placeholder="What moved, what is next?" />
        {record.isError && !fieldError && !dayError && <ErrorMessage error={record.error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>Cancel</button>
          <button type="submit" className="button" disabled={record.isPending}>{record.isPending ? 'Saving…' : 'Save check-in'}</button>
        </div>
      </form>
    </Dialog>
  );
}
