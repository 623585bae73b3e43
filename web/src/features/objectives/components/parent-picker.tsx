import { useEffect, useId, useState } from 'react';
import { useAlignmentCandidates, type AlignmentCandidate, type CandidateFor } from '../api/alignment-candidates';
import { useObjective } from '../api/objectives';
import { levelLabels } from '../utils/status';

interface Props {
  /** Whose parent is chosen; undefined until the form knows the team. */
  target: CandidateFor | undefined;
  value: string;
  onChange: (id: string) => void;
  teamNames: Map<string, string>;
  error?: string;
}

/** Waits until typing pauses, so the server is asked once per search, not once per key. */
function useDebounced(value: string, ms = 250) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** A searchable list of the objectives this one may align to, as the API offers them (it holds the alignment rules). */
export function ParentPicker({ target, value, onChange, teamNames, error }: Props) {
  const id = useId();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const candidates = useAlignmentCandidates(target, q);
  const items = candidates.data?.items ?? [];
  // The chosen parent stays listed while a search does not match it.
  const chosen = useObjective(value && !items.some((c) => c.id === value) ? value : '');
  const shown: Pick<AlignmentCandidate, 'id' | 'title' | 'level' | 'teamId'>[] =
    chosen.data && chosen.data.id === value ? [chosen.data, ...items] : items;
  const total = candidates.data?.totalCount ?? 0;

  const hint = target === undefined
    ? 'Choose a team first.'
    : candidates.isError
      ? 'The objectives to align to could not be loaded; try again in a moment.'
      : total === 0 && !q
        ? 'Nothing this objective could align to in this period yet.'
        : total > items.length
          ? `Showing ${items.length} of ${total}: type to narrow the list.`
          : 'Only objectives of a higher level in this period are offered.';

  return (
    <div className="field">
      <span className="label" id={`${id}-label`}>Aligns to</span>
      <input
        type="search"
        aria-label="Search objectives to align to"
        placeholder="Search by title"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <select
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
        aria-busy={candidates.isFetching || undefined}
        size={Math.min(6, shown.length + 1)}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">Nothing (a top-level objective)</option>
        {shown.map((c) => (
          <option key={c.id} value={c.id}>
            {levelLabels[c.level]} · {teamNames.get(c.teamId) ?? ''} · {c.title}
          </option>
        ))}
      </select>
      {error ? (
        <span id={`${id}-error`} className="field__error">{error}</span>
      ) : (
        <span id={`${id}-hint`} className="field__hint" aria-live="polite">{hint}</span>
      )}
    </div>
  );
}
