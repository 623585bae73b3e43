import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { ErrorMessage } from '@/components/ui/feedback';
import { TextAreaField, TextField, useFocusFirstError } from '@/components/ui/field';
import { ApiError } from '@/lib/api-client';
import { useUpdateObjective, type Objective } from '../api/objectives';
import { percent } from '../utils/wording';

/**
 * Closing is scoring (the method's end of a cycle): the score starts at the progress reached and the person may change
 * it (a 0.7 on an ambitious objective is a good result), with a few words on what was learned. Nothing happens
 * without pressing "Close and score".
 */
export function CloseObjectiveDialog({ objective, open, onClose }: { objective: Objective; open: boolean; onClose: () => void }) {
  const update = useUpdateObjective();
  const [score, setScore] = useState(String(Math.round(objective.progress * 100)));
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(score.trim().replace(',', '.'));
    if (score.trim() === '' || Number.isNaN(number) || number < 0 || number > 100) {
      setProblem('Enter a score from 0 to 100.');
      return;
    }
    setProblem(null);
    update.mutate(
      { id: objective.id, version: objective.version, changes: { state: 'closed', finalScore: Math.round(number * 100) / 10_000, closingComment: comment.trim() || null } },
      { onSuccess: onClose },
    );
  };

  const fieldError = update.error instanceof ApiError ? update.error.fieldError('finalScore') : undefined;
  const ref = useFocusFirstError(update.error ?? problem);
  return (
    <Dialog open={open} title={`Close “${objective.title}”`} onClose={onClose}>
      <form ref={ref} onSubmit={submit} className="stack" noValidate>
        <p className="muted" style={{ margin: 0 }}>
          It reached {percent(objective.progress)}. The score is what you record as its outcome; it stays with the objective, and its key
          results stop asking for check-ins.
        </p>
        <TextField label="Score (%)" inputMode="decimal" value={score} onChange={(event) => { setScore(event.target.value); setProblem(null); }}
          error={problem ?? fieldError} hint="Suggested: the progress reached. 70% on an ambitious objective is a good result." autoFocus />
        <TextAreaField label="What did we learn?" value={comment} onChange={(event) => setComment(event.target.value)} maxLength={4000}
          placeholder="What worked, what did not, what carries on" />
        {update.isError && !fieldError && <ErrorMessage error={update.error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>Cancel</button>
          <button type="submit" className="button" disabled={update.isPending}>{update.isPending ? 'Closing…' : 'Close and score'}</button>
        </div>
      </form>
    </Dialog>
  );
}
