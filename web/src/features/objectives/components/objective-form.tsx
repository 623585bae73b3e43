import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '@/components/ui/feedback';
import { SelectField, TextAreaField, TextField, useFocusFirstError } from '@/components/ui/field';
import { useTeams } from '@/features/teams';
import { useMe, useUsers } from '@/features/users';
import { ApiError, type Schemas } from '@/lib/api-client';
import type { CandidateFor } from '../api/alignment-candidates';
import { useCreateObjective, useUpdateObjective, type Objective } from '../api/objectives';
import { emptyKeyResult, toRequest, type KeyResultDraft } from '../utils/key-result-draft';
import { KeyResultEditor } from './key-result-editor';
import { ParentPicker } from './parent-picker';

interface Draft {
  title: string;
  description: string;
  teamId: string;
  mine: boolean;
  parentId: string;
  weight: string;
  progressFrom: Schemas['ProgressSource'];
  /** Percent, 0..100, of progress from aligned objectives when progressFrom is both. */
  alignedShare: string;
  keyResults: KeyResultDraft[];
}

const DRAFT_KEY = 'okr.objective-draft';

/** What each roll-up choice means, as docs/method.md ("Roll-up") explains it. */
const progressFromHints: Record<Schemas['ProgressSource'], string> = {
  key_results: 'The weighted mean of its key results; without any, of the objectives aligned to it.',
  aligned: 'The weighted mean of the objectives aligned to it; its own key results only while nothing aligns.',
  both: 'Part from its key results, part from the objectives aligned to it.',
};

function loadDraft(): Draft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

interface Props {
  period: Schemas['Period'];
  /** When given, the form edits this objective (its key results are edited on the objective page). */
  existing?: Objective;
  /** Prefill for a new objective, e.g. aligning to the objective the person came from. */
  initialParentId?: string;
}

/**
 * "I will [objective] as measured by [key results]". A new objective's typed work is kept in sessionStorage, so a
 * reload or an expired session does not lose it.
 */
export function ObjectiveForm({ period, existing, initialParentId }: Props) {
  const navigate = useNavigate();
  const me = useMe();
  const teams = useTeams();
  const users = useUsers();
  const create = useCreateObjective();
  const update = useUpdateObjective();

  const [draft, setDraft] = useState<Draft>(() => {
    if (existing) {
      return {
        title: existing.title, description: existing.description ?? '', teamId: existing.teamId, mine: existing.ownerId !== null,
        parentId: existing.parentId ?? '', weight: String(existing.weight), progressFrom: existing.progressFrom,
        alignedShare: String(Math.round(existing.alignedShare * 100)), keyResults: [],
      };
    }
    const fresh: Draft = {
      title: '', description: '', teamId: '', mine: true, parentId: initialParentId ?? '', weight: '1', progressFrom: 'key_results', alignedShare: '50',
      keyResults: [emptyKeyResult()],
    };
    // A draft saved by an older version of the form lacks the newer fields: they take their defaults.
    const saved = loadDraft();
    // A link that says what to align to wins over the parent of a half-written draft.
    if (saved) return { ...fresh, ...saved, ...(initialParentId ? { parentId: initialParentId } : {}) };
    return fresh;
  });

  // Until a team is chosen, the person's first team.
  const myTeams = useMemo(() => me.data?.memberships.map((m) => m.teamId) ?? [], [me.data]);
  const teamId = draft.teamId || myTeams[0] || '';

  useEffect(() => {
    if (!existing) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }, [draft, existing]);

  const allTeams = teams.data?.items ?? [];
  const teamNames = new Map(allTeams.map((t) => [t.id, t.name]));
  const companyId = allTeams.find((t) => t.parentId === null)?.id;
  // Offered only what the API will accept (its permissions): your own objective in a team you belong to, the
  // team's objective where you lead it (or are an admin). Nobody is offered a choice only to be refused on Publish.
  const mayOwnIn = (id: string) => myTeams.includes(id);
  const maySetFor = (id: string) => allTeams.find((t) => t.id === id)?.permissions.canSetTeamObjectives ?? false;
  const teamList = allTeams.filter((t) => !t.archived && (mayOwnIn(t.id) || maySetFor(t.id)));
  const mayMine = mayOwnIn(teamId);
  const mayTeam = maySetFor(teamId);
  const mine = mayMine && (draft.mine || !mayTeam);
  const ownerId = mine ? me.data?.id ?? null : null;
  const parentsFor = useMemo<CandidateFor | undefined>(
    () => existing ? { objectiveId: existing.id } : teamId && (!mine || ownerId) ? { periodId: period.id, teamId, ownerId } : undefined,
    [existing, teamId, mine, ownerId, period.id],
  );

  const error = create.error ?? update.error;
  const apiError = error instanceof ApiError ? error : undefined;
  const fieldError = (field: string) => apiError?.fieldError(field);
  const fieldsWithErrors = Object.keys(apiError?.problem.errors ?? {});
  const known = ['title', 'description', 'teamId', 'ownerId', 'parentId', 'weight', 'progressFrom', 'alignedShare'];
  const [shareProblem, setShareProblem] = useState<string | null>(null);
  const ref = useFocusFirstError(error ?? shareProblem);
  const otherErrors = error && fieldsWithErrors.every((f) => !known.includes(f) && !f.startsWith('keyResults['));

  const submit = (state: 'draft' | 'active') => (event?: FormEvent) => {
    event?.preventDefault();
    const typed = draft.weight.trim() === '' ? 1 : Number(draft.weight.replace(',', '.'));
    // Not a number: send it as typed is impossible, so send a value the API refuses with a clear "weight" error.
    const weight = Number.isNaN(typed) ? -1 : typed;
    const sharePercent = Number(draft.alignedShare.trim().replace(',', '.'));
    if (draft.progressFrom === 'both' && (draft.alignedShare.trim() === '' || Number.isNaN(sharePercent) || sharePercent < 0 || sharePercent > 100)) {
      // Checked here in the form's own unit (percent); the API's rule is the same in 0..1.
      setShareProblem('Enter a share from 0 to 100 (percent).');
      return;
    }
    setShareProblem(null);
    const alignedShare = sharePercent / 100;
    const rollUp = draft.progressFrom === 'both' ? { progressFrom: draft.progressFrom, alignedShare } : { progressFrom: draft.progressFrom };
    if (existing) {
      // Only what changed is sent: a form never writes back values it merely displayed.
      const rollUpChanges = {
        ...(draft.progressFrom !== existing.progressFrom ? { progressFrom: draft.progressFrom } : {}),
        // Compared as the form shows it (whole percent), so a share set finer through the API is not rounded by an unrelated edit.
        ...(draft.progressFrom === 'both' && draft.alignedShare !== String(Math.round(existing.alignedShare * 100)) ? { alignedShare } : {}),
      };
      update.mutate(
        {
          id: existing.id,
          version: existing.version,
          changes: { title: draft.title.trim(), description: draft.description.trim() || null, parentId: draft.parentId || null, weight, ...rollUpChanges },
        },
        { onSuccess: (saved) => navigate(`/objectives/${saved.id}`) },
      );
      return;
    }
    create.mutate(
      {
        title: draft.title.trim(),
        description: draft.description.trim() || null,
        periodId: period.id,
        teamId,
        ownerId,
        parentId: draft.parentId || null,
        weight,
        ...rollUp,
        state,
        keyResults: draft.keyResults.map(toRequest),
      },
      {
        onSuccess: (saved) => {
          sessionStorage.removeItem(DRAFT_KEY);
          navigate(`/objectives/${saved.id}`);
        },
      },
    );
  };

  const setKeyResult = (index: number, kr: KeyResultDraft) =>
    setDraft((d) => ({ ...d, keyResults: d.keyResults.map((k, i) => (i === index ? kr : k)) }));

  const busy = create.isPending || update.isPending;
  return (
    <form ref={ref} className="stack" onSubmit={submit('active')} noValidate aria-describedby="method">
      <p id="method" className="method">
        An OKR reads <strong>“I will [objective] as measured by [key results]”</strong>. Keep it to a few key results, each with a number.
      </p>
      {apiError && (otherErrors || fieldsWithErrors.length === 0) && <ErrorMessage error={apiError} />}
      {apiError && fieldsWithErrors.length > 0 && !otherErrors && (
        <div className="alert alert--error" role="alert">Please fix the fields marked below.</div>
      )}
      {error && !apiError && <ErrorMessage error={error} />}

      <div className="card stack">
        <TextField
          label="I will…"
          value={draft.title}
          onChange={(event) => setDraft({ ...draft, title: event.target.value })}
          placeholder="e.g. Improve customer retention"
          maxLength={200}
          required
          error={fieldError('title')}
        />
        <TextAreaField
          label="Why it matters (optional)"
          value={draft.description}
          onChange={(event) => setDraft({ ...draft, description: event.target.value })}
          maxLength={4000}
          error={fieldError('description')}
        />
        {!existing && (
          <div className="form-grid">
            <SelectField label="Team" value={teamId} onChange={(event) => setDraft({ ...draft, teamId: event.target.value, parentId: '' })} error={fieldError('teamId')}>
              <option value="" disabled>Choose a team</option>
              {teamList.map((team) => (
                <option key={team.id} value={team.id}>{team.name}</option>
              ))}
            </SelectField>
            <SelectField
              label="Whose objective?"
              value={mine ? 'mine' : 'team'}
              onChange={(event) => setDraft({ ...draft, mine: event.target.value === 'mine', parentId: '' })}
              error={fieldError('ownerId')}
              hint={
                mine
                  ? mayTeam ? 'An individual objective, owned by you.' : `An individual objective, owned by you. ${teamId === companyId ? 'Company' : 'Team'} objectives are set by its leads and admins.`
                  : mayMine ? 'Set for the whole team; its leads and admins may change it.' : 'You do not belong to this team, so you set its objective, not one of your own.'
              }
            >
              {mayMine && <option value="mine">Mine</option>}
              {mayTeam && <option value="team">{teamId === companyId ? 'The company’s' : 'The team’s'}</option>}
            </SelectField>
          </div>
        )}
        <ParentPicker target={parentsFor} value={draft.parentId} onChange={(parentId) => setDraft({ ...draft, parentId })} teamNames={teamNames} error={fieldError('parentId')} />
        <TextField label="Weight in what it aligns to" inputMode="decimal" value={draft.weight} onChange={(event) => setDraft({ ...draft, weight: event.target.value })} error={fieldError('weight')} style={{ maxWidth: 120 }} />
        <div className="form-grid">
          <SelectField
            label="Progress comes from"
            value={draft.progressFrom}
            onChange={(event) => setDraft({ ...draft, progressFrom: event.target.value as Schemas['ProgressSource'] })}
            error={fieldError('progressFrom')}
            hint={progressFromHints[draft.progressFrom]}
          >
            <option value="key_results">Its key results</option>
            <option value="aligned">The objectives aligned to it</option>
            <option value="both">Both, blended</option>
          </SelectField>
          {draft.progressFrom === 'both' && (
            <TextField label="Share from aligned objectives (%)" inputMode="decimal" value={draft.alignedShare}
              onChange={(event) => { setDraft({ ...draft, alignedShare: event.target.value }); setShareProblem(null); }} error={shareProblem ?? fieldError('alignedShare')}
              hint="The rest comes from its own key results." style={{ maxWidth: 120 }} />
          )}
        </div>
      </div>

      {!existing && (
        <section aria-labelledby="krs-heading" className="stack">
          <h2 id="krs-heading">…as measured by</h2>
          {draft.keyResults.map((kr, index) => (
            <KeyResultEditor
              key={index}
              index={index}
              draft={kr}
              users={users.data?.items ?? []}
              onChange={(next) => setKeyResult(index, next)}
              onRemove={draft.keyResults.length > 1 ? () => setDraft((d) => ({ ...d, keyResults: d.keyResults.filter((_, i) => i !== index) })) : undefined}
              errors={(field) => fieldError(`keyResults[${index}].${field}`)}
            />
          ))}
          {fieldError('keyResults') && <p className="field__error">{fieldError('keyResults')}</p>}
          <div>
            <button type="button" className="button button--secondary" onClick={() => setDraft((d) => ({ ...d, keyResults: [...d.keyResults, emptyKeyResult()] }))} disabled={draft.keyResults.length >= 25}>
              Add a key result
            </button>
          </div>
        </section>
      )}

      <div className="row">
        <button type="submit" className="button" disabled={busy}>{busy ? 'Saving…' : existing ? 'Save changes' : 'Publish objective'}</button>
        {!existing && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => submit('draft')()}>Save as draft</button>
        )}
        <button type="button" className="link-button" onClick={() => { if (!existing) sessionStorage.removeItem(DRAFT_KEY); navigate(-1); }}>Cancel</button>
      </div>
    </form>
  );
}
