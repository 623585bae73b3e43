import { useId, useMemo, useState } from 'react';
import type { Schemas } from '@/lib/api-client';
import { levelLabels } from '../utils/status';

interface Props {
  candidates: Schemas['AlignmentNode'][];
  value: string;
  onChange: (id: string) => void;
  teamNames: Map<string, string>;
  error?: string;
}

/** A searchable list of the objectives this one may align to; only allowed parents are offered. */
export function ParentPicker({ candidates, value, onChange, teamNames, error }: Props) {
  const id = useId();
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const query = search.trim().toLowerCase();
    return candidates
      .filter((c) => c.id === value || !query || c.title.toLowerCase().includes(query) || (teamNames.get(c.teamId) ?? '').toLowerCase().includes(query))
      .slice(0, 200);
  }, [candidates, search, value, teamNames]);

  return (
    <div className="field">
      <span className="label" id={`${id}-label`}>Aligns to</span>
      <input
        type="search"
        aria-label="Search objectives to align to"
        placeholder="Search by title or team"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <select
        aria-labelledby={`${id}-label`}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
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
        <span id={`${id}-hint`} className="field__hint">
          {candidates.length === 0 ? 'Nothing this objective could align to in this period yet.' : 'Only objectives of a higher level in this period are offered.'}
        </span>
      )}
    </div>
  );
}
