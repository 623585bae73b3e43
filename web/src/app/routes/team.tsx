import { Link, useParams } from 'react-router';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { DueCheckIns } from '@/features/cycle/components/due-check-ins';
import { useObjectives } from '@/features/objectives/api/objectives';
import { HealthSummary, attentionLink } from '@/features/objectives/components/health-summary';
import { ObjectiveCard } from '@/features/objectives/components/objective-card';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTeams } from '@/features/teams/api/teams';
import { TeamMembers } from '@/features/teams/components/team-members';
import { useMe } from '@/features/users/api/users';
import { ChatChannels } from '@/features/notifications';
import { ClosedNotice } from '@/features/cycle/components/closed-notice';
import { useTitle } from '@/lib/use-title';

/** A team's objectives and health at a glance; with `company`, the company team's. */
export default function TeamPage({ company = false }: { company?: boolean }) {
  const { id } = useParams();
  const teams = useTeams(true);
  const list = teams.data?.items ?? [];
  const team = company ? list.find((t) => t.parentId === null) : list.find((t) => t.id === id);
  useTitle(company ? 'Company' : team?.name);
  const { period } = usePeriodSelection();
  const me = useMe();
  const objectives = useObjectives({ periodId: team ? period?.id : undefined, teamId: team?.id });

  if (teams.isLoading) return <Skeleton lines={5} />;
  if (teams.isError) return <ErrorMessage error={teams.error} retry={() => teams.refetch()} />;
  if (!team) return <EmptyState title={company ? 'No company team yet' : 'This team does not exist'}>{company ? 'An admin creates it under Admin.' : <Link to="/teams">See all teams</Link>}</EmptyState>;

  const parent = list.find((t) => t.id === team.parentId);
  const subTeams = list.filter((t) => t.parentId === team.id && !t.archived);
  const items = objectives.data?.items ?? [];
  const teamObjectives = items.filter((o) => o.ownerId === null);
  const individual = items.filter((o) => o.ownerId !== null);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{team.name}{team.archived && <span className="badge badge--neutral" style={{ marginLeft: '0.5rem' }}>archived</span>}</h1>
          <p>
            {parent ? <>Part of <Link to={parent.parentId === null ? '/company' : `/teams/${parent.id}`}>{parent.name}</Link>. </> : 'The company. '}
            {period && `Objectives of ${period.label}.`}
          </p>
        </div>
        <Link to="/objectives/new" className="button">New objective</Link>
      </div>

      {objectives.isLoading && <Skeleton lines={4} />}
      {objectives.isError && <ErrorMessage error={objectives.error} retry={() => objectives.refetch()} />}
      {period?.state === 'closed' && <ClosedNotice label={period.label} />}
      {objectives.isSuccess && items.length > 0 && <HealthSummary items={items} attentionHref={(status) => attentionLink(team.id, status)} />}
      {/* The team's due check-ins are for its leads and admins, as the API says. */}
      {(me.data?.role === 'admin' || me.data?.memberships.some((m) => m.teamId === team.id && m.role === 'lead')) && (
        <DueCheckIns teamId={team.id} title={`Check-ins due in ${team.name}`} />
      )}

      <section aria-labelledby="team-objectives">
        <h2 id="team-objectives">{company ? 'Company objectives' : 'Team objectives'}</h2>
        {objectives.isSuccess && teamObjectives.length === 0 ? (
          <EmptyState title="No objectives yet" action={<Link to="/objectives/new" className="button">Set one</Link>}>
            {company ? 'Company objectives give every team something to align to.' : 'Team leads set the team’s objectives; members align theirs.'}
          </EmptyState>
        ) : (
          <div className="grid">{teamObjectives.map((o) => <ObjectiveCard key={o.id} objective={o} />)}</div>
        )}
      </section>

      {individual.length > 0 && (
        <section aria-labelledby="people-objectives">
          <h2 id="people-objectives">People’s objectives</h2>
          <div className="grid">{individual.map((o) => <ObjectiveCard key={o.id} objective={o} />)}</div>
        </section>
      )}

      <section aria-labelledby="structure" className="grid">
        <div className="card">
          <h2 id="structure">Teams below</h2>
          {subTeams.length === 0 ? <p className="muted">None.</p> : (
            <ul>{subTeams.map((t) => <li key={t.id}><Link to={`/teams/${t.id}`}>{t.name}</Link></li>)}</ul>
          )}
        </div>
        <TeamMembers teamId={team.id} teamName={team.name} canManage={team.permissions.canManageMembers} />
      </section>

      {team.permissions.canManageMembers && (
        <section className="card stack" aria-labelledby="chat-heading">
          <h2 id="chat-heading">Chat channels</h2>
          <ChatChannels teamId={team.id} />
        </section>
      )}
    </>
  );
}
