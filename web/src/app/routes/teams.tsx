import { Link } from 'react-router';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useAlignment } from '@/features/alignment/api/alignment';
import { attentionLink } from '@/features/objectives/components/health-summary';
import { countByStatus } from '@/features/objectives/utils/status';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTeams } from '@/features/teams/api/teams';
import type { Schemas } from '@/lib/api-client';
import { useTitle } from '@/lib/use-title';

type Team = Schemas['Team'];

export default function TeamsPage() {
  useTitle('Teams');
  const teams = useTeams();
  const { period } = usePeriodSelection();
  const tree = useAlignment(period?.id);
  if (teams.isLoading) return <Skeleton lines={5} label="Loading teams" />;
  if (teams.isError) return <ErrorMessage error={teams.error} retry={() => teams.refetch()} />;
  const list = teams.data?.items ?? [];
  if (list.length === 0) return <EmptyState title="No teams yet">An admin sets up the company and its teams under Admin.</EmptyState>;

  const nodes = tree.data?.items ?? [];
  const children = (id: string | null) => list.filter((t) => t.parentId === id);
  const row = (team: Team, depth: number): React.ReactNode[] => {
    const own = nodes.filter((n) => n.teamId === team.id);
    // Drafts are not commitments yet: they count in no health (as in "Needs attention", which the chips open).
    const counts = countByStatus(own.filter((n) => n.state !== 'draft'));
    const average = own.length ? own.reduce((sum, n) => sum + n.progress, 0) / own.length : 0;
    return [
      <tr key={team.id}>
        <td style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>
          <Link to={team.parentId === null ? '/company' : `/teams/${team.id}`}>{team.name}</Link>
        </td>
        <td className="teams-table__count">{own.length}</td>
        <td style={{ minWidth: 160 }}>{own.length > 0 ? <ProgressBar value={average} label={`Average progress of ${team.name}`} /> : <span className="muted">—</span>}</td>
        <td className="small">
          {own.length > 0 && (
            <span className="row" style={{ gap: '0.3rem' }}>
              {counts.at_risk > 0 && <Link to={attentionLink(team.id, 'at_risk')} className="badge badge--at_risk">{counts.at_risk} at risk</Link>}
              {counts.behind > 0 && <Link to={attentionLink(team.id, 'behind')} className="badge badge--behind">{counts.behind} behind</Link>}
              {counts.on_track > 0 && <span className="badge badge--on_track">{counts.on_track} on track</span>}
            </span>
          )}
        </td>
      </tr>,
      ...children(team.id).flatMap((child) => row(child, depth + 1)),
    ];
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Teams</h1>
          <p>Every team’s objectives and their health{period ? ` in ${period.label}` : ''}.</p>
        </div>
      </div>
      <div className="card table-wrap">
        <table className="teams-table">
          <caption className="visually-hidden">Teams with the number, progress and health of their objectives</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="teams-table__count">Objectives</th>
              <th scope="col">Average progress</th>
              <th scope="col">Health</th>
            </tr>
          </thead>
          <tbody>{children(null).flatMap((root) => row(root, 0))}</tbody>
        </table>
      </div>
    </>
  );
}
