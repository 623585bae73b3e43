import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { useAlignment } from '@/features/alignment/api/alignment';
import { attentionReasons, attentionRows, filterAndSort, reasonLabels, type AttentionReason, type AttentionSort } from '@/features/alignment/utils/attention';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTeams } from '@/features/teams/api/teams';
import { useUserNames } from '@/features/users/api/users';
import { useTitle } from '@/lib/use-title';

const sorts: { value: AttentionSort; label: string }[] = [
  { value: 'gap', label: 'Furthest behind its pace' },
  { value: 'confidence', label: 'Lowest confidence' },
  { value: 'overdue', label: 'Most check-ins overdue' },
  { value: 'title', label: 'Title' },
];

const isReason = (value: string): value is AttentionReason => (attentionReasons as string[]).includes(value);
const isSort = (value: string | null): value is AttentionSort => sorts.some((s) => s.value === value);

/**
 * What needs a leader's attention, for the company or one team (with the teams below it): objectives at risk or behind,
 * or with key results overdue for a check-in or low in confidence. Filters and sort live in the address, so the health
 * chips link straight to a filtered list and a leader can share it.
 */
export default function AttentionPage() {
  useTitle('Needs attention');
  const [params, setParams] = useSearchParams();
  const teamId = params.get('team') ?? undefined;
  const below = params.get('below') === '1';
  const reasons = params.getAll('reason').filter(isReason);
  const sortParam = params.get('sort');
  const sort: AttentionSort = isSort(sortParam) ? sortParam : 'gap';
  const { period, isLoading: periodsLoading } = usePeriodSelection();
  const tree = useAlignment(period?.id, teamId);
  const teams = useTeams();
  const users = useUserNames();
  const teamNames = new Map((teams.data?.items ?? []).map((t) => [t.id, t.name]));
  // The tree of a team holds the teams below it; without "below", only the team's own objectives (as its page counts them).
  const all = attentionRows((tree.data?.items ?? []).filter((node) => !teamId || below || node.teamId === teamId));
  const rows = filterAndSort(all, reasons, sort);
  const scope = teamId ? `${teamNames.get(teamId) ?? 'this team'}${below ? ' and the teams below it' : ''}` : 'the whole organisation';

  // From the latest parameters, not this render's: two changes in a row (a team, then "below") both count.
  const update = (change: (next: URLSearchParams) => void) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      change(next);
      return next;
    }, { replace: true });
  const toggle = (reason: AttentionReason) =>
    update((next) => {
      const chosen = reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason];
      next.delete('reason');
      chosen.forEach((r) => next.append('reason', r));
    });
  const count = (reason: AttentionReason) => all.filter((row) => row.reasons.includes(reason)).length;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Needs attention</h1>
          <p>{period ? `${period.label}, ${scope}` : 'Pick a period'}: objectives at risk or behind, check-ins overdue, confidence low.</p>
        </div>
        <Link to={teamId ? `/alignment?team=${teamId}` : '/alignment'} className="button button--secondary">See the tree</Link>
      </div>

      <div className="card stack" style={{ gap: '0.75rem' }}>
        <div className="form-grid" style={{ alignItems: 'end' }}>
          <div className="field">
            <label htmlFor="attention-team">Team</label>
            <select id="attention-team" value={teamId ?? ''} onChange={(event) => update((next) => (event.target.value ? next.set('team', event.target.value) : next.delete('team')))}>
              <option value="">Whole organisation</option>
              {(teams.data?.items ?? []).filter((t) => !t.archived).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
            </select>
          </div>
          {teamId && (
            <label className="row" style={{ gap: '0.4rem' }}>
              <input type="checkbox" checked={below} onChange={(event) => update((next) => (event.target.checked ? next.set('below', '1') : next.delete('below')))} />
              Include the teams below
            </label>
          )}
          <div className="field">
            <label htmlFor="attention-sort">Sort by</label>
            <select id="attention-sort" value={sort} onChange={(event) => update((next) => next.set('sort', event.target.value))}>
              {sorts.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
            </select>
          </div>
        </div>
        <div className="row" role="group" aria-label="Show only">
          {attentionReasons.map((reason) => (
            <button key={reason} type="button" className={`chip${reasons.includes(reason) ? ' chip--on' : ''}`} aria-pressed={reasons.includes(reason)} onClick={() => toggle(reason)}>
              {reasonLabels[reason]} <span className="chip__count">{count(reason)}</span>
            </button>
          ))}
        </div>
      </div>

      {(periodsLoading || tree.isLoading) && <Skeleton lines={5} label="Loading what needs attention" />}
      {tree.isError && <ErrorMessage error={tree.error} retry={() => tree.refetch()} />}
      {tree.isSuccess && rows.length === 0 && (
        <EmptyState title={all.length === 0 ? 'Nothing needs attention' : 'Nothing matches these filters'}>
          {all.length === 0 ? 'Every active objective is on track, checked in and confident.' : 'Clear a filter to see the rest.'}
        </EmptyState>
      )}
      {rows.length > 0 && (
        <div className="card table-wrap">
          <table className="attention-table">
            <caption className="visually-hidden">Objectives that need attention, {sorts.find((s) => s.value === sort)!.label.toLowerCase()} first</caption>
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.node.id}>
                  <td>
                    <Link to={`/objectives/${row.node.id}`}>{row.node.title}</Link>
                    <div className="small muted">
                      {teamNames.get(row.node.teamId) ?? ''}
                      {row.node.ownerId && <> · <Link to={`/people/${row.node.ownerId}`}>{users.get(row.node.ownerId) ?? 'someone'}</Link></>}
                    </div>
                  </td>
                  <td><StatusBadge status={row.node.status} /></td>
                  <td style={{ minWidth: '9rem' }}>
                    <ProgressBar value={row.node.progress} expected={row.node.expectedProgress} status={row.node.status} label={`Progress of ${row.node.title}`} />
                    <span className="small muted">
                      {Math.round(row.node.progress * 100)}% of {Math.round(row.node.expectedProgress * 100)}% expected
                      {row.confidence !== null && <> · lowest confidence {row.confidence}/10</>}
                      {row.overdue > 0 && <> · {row.overdue} overdue</>}
                    </span>
                  </td>
                  <td className="small">
                    <ul className="plain-list">
                      {row.keyResults.length === 0 && <li>{reasonLabels[row.reasons[0]!]}</li>}
                      {row.keyResults.map((kr) => (
                        <li key={kr.id}>
                          <Link to={`/objectives/${row.node.id}#kr-${kr.id}`}>{kr.title}</Link>: {kr.reasons.map((r) => reasonLabels[r].toLowerCase()).join(', ')}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
