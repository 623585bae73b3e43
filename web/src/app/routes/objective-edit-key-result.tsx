import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/components/ui/feedback';
import { useFocusFirstError } from '@/components/ui/field';
import { useUpdateKeyResult, type KeyResult } from '@/features/objectives/api/objectives';
import { KeyResultEditor } from '@/features/objectives/components/key-result-editor';
import { fromKeyResult, toRequest } from '@/features/objectives/utils/key-result-draft';
import { useUsers } from '@/features/users/api/users';
import { ApiError } from '@/lib/api-client';

/** Edits one key result in place; saved with its version, so a concurrent change is reported instead of overwritten. */
export function EditKeyResult({ keyResult, onDone, ownerLocked }: { keyResult: KeyResult; onDone: () => void; ownerLocked: boolean }) {
  const [draft, setDraft] = useState(() => fromKeyResult(keyResult));
  const users = useUsers();
  const update = useUpdateKeyResult();
  const apiError = update.error instanceof ApiError ? update.error : undefined;
  const ref = useFocusFirstError(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { title, type, direction, baseline, target, unit, currencyCode, weight, ownerId } = toRequest(draft);
    update.mutate(
      { id: keyResult.id, version: keyResult.version, changes: { title, type, direction, baseline, target, unit, currencyCode, weight, ownerId } },
      { onSuccess: onDone },
    );
  };

  return (
    <form ref={ref} className="stack" onSubmit={submit} noValidate>
      {apiError && Object.keys(apiError.problem.errors ?? {}).length === 0 && <ErrorMessage error={apiError} />}
      <KeyResultEditor index={0} draft={draft} onChange={setDraft} users={users.data?.items ?? []} errors={(field) => apiError?.fieldError(field)} ownerLocked={ownerLocked} />
      <div className="row">
        <button type="submit" className="button" disabled={update.isPending}>{update.isPending ? 'Saving…' : 'Save key result'}</button>
        <button type="button" className="link-button" onClick={onDone}>Cancel</button>
      </div>
    </form>
  );
}
