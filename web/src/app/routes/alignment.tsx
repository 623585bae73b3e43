import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useAlignment } from '@/features/alignment/api/alignment';
import { AlignmentTree } from '@/features/alignment/components/alignment-tree';
import { searchTree } from '@/features/alignment/utils/build-tree';
import { HealthSummary, attentionLink } from '@/features/objectives/components/health-summary';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTeams } from '@/features/teams/api/teams';
import { useUserNames, useUsers } from '@/features/users/api/users';
import { useTitle } from '@/lib/use-title';

export default function AlignmentPage() {
  useTitle('Alignment');
  const { period, isLoading: periodsLoading } = usePeriodSelection();
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team') ?? undefined;
  const [search, setSearch] = useState('');
  const [expandCommand, setExpandCommand] = useState<{ all: boolean; at: number } | null>(null);
  const teams = useTeams();
  const userNames = useUserNames();
  const tree = useAlignment(period?.id, teamId);
  const teamNames = new Map((teams.data?.items ?? []).map((t) => [t.id, t.name]));
  const items = tree.data?.items ?? [];
  const matchCount = search.trim() ? searchTree(items, search).matches.size : null;
  const users = useUsers();
  // People are found too: a name (or email) leads to their page, with their objectives and key results.
  const needle = search.trim().toLocaleLowerCase();
  const people = needle.length < 2 ? [] : (users.data?.items ?? [])
    .filter((u) => u.active && (u.displayName.toLocaleLowerCase().includes(needle) || (u.email ?? '').toLocaleLowerCase().includes(needle)))
    .slice(0, 8);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Alignment</h1>
          <p>How people’s and teams’ objectives roll up to the company’s{period ? `, ${period.label}` : ''}.</p>
        </div>
        <Link to="/objectives/new" className="button">New objective</Link>
      </div>
      <div className="card form-grid" style={{ marginBottom: '1rem', alignItems: 'end' }}>
        <div className="field">
          <label htmlFor="tree-search">Search</label>
          <input id="tree-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="Objective, key result or person" aria-describedby="tree-search-count" />
          <span id="tree-search-count" className="field__hint" aria-live="polite">
            {matchCount === null ? 'Matches are highlighted and opened.' : `${matchCount} ${matchCount === 1 ? 'match' : 'matches'}${people.length ? `, ${people.length} ${people.length === 1 ? 'person' : 'people'}` : ''}`}
          </span>
          {people.length > 0 && (
            <ul className="plain-list small" aria-label="People">
              {people.map((u) => <li key={u.id}><Link to={`/people/${u.id}`}>{u.displayName}</Link>{u.email && <span className="muted"> · {u.email}</span>}</li>)}
            </ul>
          )}
        </div>
        <div className="field">
          <label htmlFor="tree-team">Team</label>
          <select id="tree-team" value={teamId ?? ''} onChange={(event) => setParams(event.target.value ? { team: event.target.value } : {})}>
            <option value="">Whole organisation</option>
            {(teams.data?.items ?? []).map((team) => (
              <option key={team.id} value={team.id}>{team.name}</option>
            ))}
          </select>
        </div>
        <div className="row">
          <button type="button" className="button button--secondary" onClick={() => setExpandCommand({ all: true, at: Date.now() })}>Expand all</button>
          <button type="button" className="button button--secondary" onClick={() => setExpandCommand({ all: false, at: Date.now() })}>Collapse all</button>
        </div>
      </div>

      {(periodsLoading || tree.isLoading) && <Skeleton lines={6} label="Loading the tree" />}
      {tree.isError && <ErrorMessage error={tree.error} retry={() => tree.refetch()} />}
      {!periodsLoading && !period && <EmptyState title="No period yet">The tree shows the objectives of a period.</EmptyState>}
      {tree.isSuccess && items.length === 0 && (
        <EmptyState title="No objectives in this period yet" action={<Link to="/objectives/new" className="button">Set the first one</Link>}>
          Company objectives come first; teams and people align theirs below.
        </EmptyState>
      )}
      {tree.isSuccess && items.length > 0 && (
        <div className="stack">
          <HealthSummary items={items} attentionHref={(status) => attentionLink(teamId, status, true)} />
          <p className="small muted" style={{ margin: 0 }}>
            Use the arrow keys to move through the tree, Enter to open an objective. The tick on each bar is where it should be by now.
          </p>
          <AlignmentTree items={items} search={search} teamNames={teamNames} userNames={userNames} expandCommand={expandCommand} />
        </div>
      )}
    </>
  );
}
