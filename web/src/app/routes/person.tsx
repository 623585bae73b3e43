import { Link, useParams } from 'react-router';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useConversations } from '@/features/conversations';
import { useObjectives } from '@/features/objectives/api/objectives';
import { ObjectiveCard } from '@/features/objectives/components/objective-card';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTeamNames } from '@/features/teams';
import { useMe, useUser, useUserNames } from '@/features/users/api/users';
import { useTitle } from '@/lib/use-title';

/**
 * A person: their objectives and the key results they own elsewhere this period, their manager and teams; for their
 * manager (and admins), their 1:1s too.
 */
export default function PersonPage() {
  const { id = '' } = useParams();
  const person = useUser(id);
  const me = useMe();
  const names = useUserNames();
  const teams = useTeamNames();
  const { period } = usePeriodSelection();
  const own = useObjectives({ periodId: period?.id, ownerId: id });
  const elsewhere = useObjectives({ periodId: period?.id, keyResultOwnerId: id });
  const isManager = !!person.data?.managerId && !!me.data && person.data.managerId === me.data.id;
  const mayReadConversations = isManager || me.data?.role === 'admin';
  const conversations = useConversations({ employeeId: id }, mayReadConversations);
  useTitle(person.data?.displayName);

  if (person.isLoading) return <Skeleton lines={5} label="Loading the person" />;
  if (person.isError) return <ErrorMessage error={person.error} retry={() => person.refetch()} />;
  const p = person.data!;
  const ownIds = new Set((own.data?.items ?? []).map((o) => o.id));
  const others = (elsewhere.data?.items ?? []).filter((o) => !ownIds.has(o.id));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{p.displayName}{!p.active && <span className="badge badge--neutral" style={{ marginLeft: '0.5rem' }}>deactivated</span>}</h1>
          <p className="muted">
            {p.email && <><a href={`mailto:${p.email}`}>{p.email}</a> · </>}
            {p.managerId ? <>Manager: <Link to={`/people/${p.managerId}`}>{names.get(p.managerId) ?? 'someone'}</Link></> : 'No manager set'}
          </p>
        </div>
      </div>

      <section className="card" aria-labelledby="teams-heading">
        <h2 id="teams-heading">Teams</h2>
        {p.memberships.length === 0 ? <p className="muted">Not in a team yet.</p> : (
          <ul className="plain-list">
            {p.memberships.map((m) => (
              <li key={m.teamId}><Link to={`/teams/${m.teamId}`}>{teams.get(m.teamId) ?? 'A team'}</Link> <span className="small muted">· {m.role}</span></li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="own-heading">
        <h2 id="own-heading">Objectives{period ? ` in ${period.label}` : ''}</h2>
        {own.isLoading && <Skeleton lines={3} />}
        {own.isError && <ErrorMessage error={own.error} retry={() => own.refetch()} />}
        {own.isSuccess && own.data.items.length === 0 && <EmptyState title="No objectives of their own in this period" />}
        {own.isSuccess && own.data.items.length > 0 && <div className="grid">{own.data.items.map((o) => <ObjectiveCard key={o.id} objective={o} />)}</div>}
      </section>

      {others.length > 0 && (
        <section aria-labelledby="elsewhere-heading">
          <h2 id="elsewhere-heading">Key results they own on other objectives</h2>
          <div className="grid">{others.map((o) => <ObjectiveCard key={o.id} objective={o} />)}</div>
        </section>
      )}

      {mayReadConversations && (
        <section className="card" aria-labelledby="conversations-heading">
          <h2 id="conversations-heading">1:1s</h2>
          {conversations.isLoading && <Skeleton lines={2} />}
          {conversations.isError && <ErrorMessage error={conversations.error} retry={() => conversations.refetch()} />}
          {conversations.isSuccess && conversations.data.items.length === 0 && <p className="muted">No 1:1s yet.</p>}
          {conversations.isSuccess && conversations.data.items.length > 0 && (
            <ul className="plain-list">
              {conversations.data.items.map((c) => (
                <li key={c.id}>
                  <Link to={`/conversations/${c.id}`}>{c.title}</Link>
                  <span className="small muted"> · {new Date(c.heldAt ?? c.scheduledAt).toLocaleDateString()} · {c.state}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
