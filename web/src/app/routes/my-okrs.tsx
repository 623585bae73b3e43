import { useState } from 'react';
import { Link } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { getObjectivesQueryOptions, useObjectives } from '@/features/objectives/api/objectives';
import { ObjectiveCard } from '@/features/objectives/components/objective-card';
import { ClosedNotice } from '@/features/cycle/components/closed-notice';
import { DueCheckIns } from '@/features/cycle/components/due-check-ins';
import { percent } from '@/features/objectives/utils/wording';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTeamNames } from '@/features/teams/api/teams';
import { useMe } from '@/features/users/api/users';
import { daysLeft, daysUntil, periodBounds } from '@/lib/dates';
import type { Schemas } from '@/lib/api-client';
import { useTitle } from '@/lib/use-title';

export function MyOkrsPage() {
  useTitle('My OKRs');
  // The moment the page opened: where the period's pace tick stands.
  const [now] = useState(() => Date.now());
  const me = useMe();
  const { period, isLoading: periodsLoading, error: periodsError, retry } = usePeriodSelection();
  const teamNames = useTeamNames();
  const mine = useObjectives({ periodId: period?.id, ownerId: me.data?.id });
  // Key results you own on someone else's objective (a lead's on the company's, say) are yours to move too.
  const elsewhere = useObjectives({ periodId: me.data ? period?.id : undefined, keyResultOwnerId: me.data?.id });
  const teamIds = me.data?.memberships.map((m) => m.teamId) ?? [];
  const teamQueries = useQueries({ queries: teamIds.map((teamId) => getObjectivesQueryOptions({ periodId: period?.id, teamId })) });

  if (me.isLoading || periodsLoading) return <Skeleton lines={5} label="Loading your OKRs" />;
  if (me.isError) return <ErrorMessage error={me.error} retry={() => me.refetch()} />;
  if (periodsError) return <ErrorMessage error={periodsError} retry={retry} />;
  if (!period) {
    return (
      <EmptyState title="No period yet">
        OKRs live in periods (a quarter, a month, a project). {me.data?.role === 'admin' ? <Link to="/admin">Create the first period</Link> : 'Ask an admin to create one.'}
      </EmptyState>
    );
  }

  const myObjectives = mine.data?.items ?? [];
  // Not yours, and not already under one of your teams below.
  const othersWithMine = (elsewhere.data?.items ?? []).filter((o) => o.ownerId !== me.data?.id && !(o.ownerId === null && teamIds.includes(o.teamId)));
  const loading = mine.isLoading || elsewhere.isLoading || teamQueries.some((q) => q.isLoading);
  const teamError = teamQueries.find((q) => q.isError);
  const { start, end } = periodBounds(period.startDate, period.endDate);
  const elapsed = Math.min(1, Math.max(0, (now - start) / (end - start)));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>My OKRs</h1>
          <p>
            {period.label}: {describePeriod(period, now, elapsed)}.
          </p>
        </div>
        {me.data?.role !== 'viewer' && <Link to="/objectives/new" className="button">New objective</Link>}
      </div>

      {loading && <Skeleton lines={4} label="Loading objectives" />}
      {mine.isError && <ErrorMessage error={mine.error} retry={() => mine.refetch()} />}
      {teamError && <ErrorMessage error={teamError.error} retry={() => teamError.refetch()} />}

      {period.state === 'closed' && <ClosedNotice label={period.label} />}
      {/* Every key result you own that is due, on any objective and in any active period: the API's rule, as in the reminder emails. */}
      {me.data?.role !== 'viewer' && <DueCheckIns title="Needs a check-in" />}

      {!loading && (
        <section aria-labelledby="mine-heading">
          <h2 id="mine-heading">My objectives</h2>
          {myObjectives.length === 0 ? (
            <EmptyState title="You have no objectives in this period yet" action={<Link to="/objectives/new" className="button">Set your first objective</Link>}>
              Start with one thing you will achieve, and how you will know.
            </EmptyState>
          ) : (
            <div className="grid">{myObjectives.map((o) => <ObjectiveCard key={o.id} objective={o} />)}</div>
          )}
        </section>
      )}

      {!loading && othersWithMine.length > 0 && (
        <section aria-labelledby="elsewhere-heading">
          <h2 id="elsewhere-heading">Key results you own on other objectives</h2>
          <div className="grid">{othersWithMine.map((o) => <ObjectiveCard key={o.id} objective={o} />)}</div>
        </section>
      )}

      {!loading &&
        teamIds.map((teamId, index) => {
          const items = (teamQueries[index]?.data?.items ?? []).filter((o) => o.ownerId === null);
          return (
            <section key={teamId} aria-labelledby={`team-${teamId}`}>
              <h2 id={`team-${teamId}`}>
                <Link to={`/teams/${teamId}`}>{teamNames.get(teamId) ?? 'My team'}</Link>
              </h2>
              {items.length === 0 ? (
                <p className="muted">No team objectives in this period yet.</p>
              ) : (
                <div className="grid">{items.map((o) => <ObjectiveCard key={o.id} objective={o} />)}</div>
              )}
            </section>
          );
        })}
    </>
  );
}

/** Where the period stands, in words: not started yet (check-ins wait), under way, or over. */
function describePeriod(period: Schemas['Period'], now: number, elapsed: number) {
  const until = daysUntil(period.startDate, now);
  if (period.state === 'planning') return `in planning${until > 0 ? `, starts in ${until} days` : ''}; check-ins open once it is active`;
  if (period.state === 'closed') return 'closed and scored; its objectives are read-only';
  if (until > 0) return `starts in ${until === 1 ? '1 day' : `${until} days`} (${period.startDate}); check-ins open then`;
  return `${daysLeft(period.endDate, now)} days left, ${percent(elapsed)} of the period behind us`;
}
