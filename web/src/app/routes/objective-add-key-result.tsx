import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/components/ui/feedback';
import { useFocusFirstError } from '@/components/ui/field';
import { useAddKeyResult } from '@/features/objectives/api/objectives';
import { KeyResultEditor } from '@/features/objectives/components/key-result-editor';
import { emptyKeyResult, toRequest } from '@/features/objectives/utils/key-result-draft';
import { useUsers } from '@/features/users/api/users';
import { ApiError } from '@/lib/api-client';

/** Adds one key result to an existing objective. */
export function AddKeyResult({ objectiveId }: { objectiveId: string }) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(emptyKeyResult);
  const users = useUsers();
  const add = useAddKeyResult();
  const apiError = add.error instanceof ApiError ? add.error : undefined;
  const ref = useFocusFirstError(add.error);

  if (!open) {
    return (
      <div>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>Add a key result</button>
      </div>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ objectiveId, body: toRequest(draft) }, { onSuccess: () => { setDraft(emptyKeyResult()); setOpen(false); } });
  };

  return (
    <form ref={ref} className="stack" onSubmit={submit} noValidate>
      {apiError && Object.keys(apiError.problem.errors ?? {}).length === 0 && <ErrorMessage error={apiError} />}
      <KeyResultEditor index={0} draft={draft} onChange={setDraft} users={users.data?.items ?? []} errors={(field) => apiError?.fieldError(field)} />
      <div className="row">
        <button type="submit" className="button" disabled={add.isPending}>{add.isPending ? 'Adding…' : 'Add key result'}</button>
        <button type="button" className="link-button" onClick={() => setOpen(false)}>Cancel</button>
      </div>
    </form>
  );
}
