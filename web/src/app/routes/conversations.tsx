import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { fromLocalInput, toLocalInput, useConversations, useReports, useScheduleConversation, type ConversationSummary } from '@/features/conversations/api/conversations';
import { useMe, useUserNames } from '@/features/users';
import { type Schemas } from '@/lib/api-client';
import { useTitle } from '@/lib/use-title';

/** 1:1s: your reports at a glance (when you manage people), and your conversations, upcoming and past. */
export default function ConversationsPage() {
  useTitle('1:1s');
  const me = useMe();
  const reports = useReports(me.data?.id);
  const conversations = useConversations({});
  const names = useUserNames();

  if (me.isLoading || conversations.isLoading) return <Skeleton lines={5} label="Loading your 1:1s" />;
  if (conversations.isError) return <ErrorMessage error={conversations.error} retry={() => conversations.refetch()} />;
  const items = conversations.data?.items ?? [];
  const upcoming = items.filter((c) => c.state === 'scheduled').sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const past = items.filter((c) => c.state !== 'scheduled');
  const myReports = reports.data ?? [];

  return (
    <>
      <div className="page-head">
        <div>
          <h1>1:1s</h1>
          <p>Every conversation revisits the person's OKRs: prepared from what changed since last time, with notes and action items that carry on.</p>
        </div>
      </div>

      {reports.isError && <ErrorMessage error={reports.error} retry={() => reports.refetch()} />}
      {myReports.length > 0 && (
        <section className="card stack" aria-labelledby="reports-heading">
          <h2 id="reports-heading">My reports</h2>
          <div className="table-scroll">
            <table className="review-table">
              <thead>
                <tr>
                  <th scope="col">Person</th><th scope="col">OKRs</th><th scope="col">At risk</th><th scope="col">Check-ins due</th>
                  <th scope="col">Last 1:1</th><th scope="col">Next 1:1</th><th scope="col">Open actions</th><th scope="col"><span className="visually-hidden">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                {myReports.map((r) => <ReportRow key={r.userId} report={r} />)}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section aria-labelledby="upcoming-heading" className="stack">
        <h2 id="upcoming-heading">Upcoming</h2>
        {upcoming.length === 0 ? (
          <EmptyState title="No 1:1 scheduled">{myReports.length > 0 ? 'Schedule one with a report above.' : 'Your manager schedules them with you.'}</EmptyState>
        ) : <ConversationList items={upcoming} names={names} />}
      </section>
      {past.length > 0 && (
        <section aria-labelledby="past-heading" className="stack">
          <h2 id="past-heading">Past</h2>
          <ConversationList items={past} names={names} />
        </section>
      )}
    </>
  );
}

function ConversationList({ items, names }: { items: ConversationSummary[]; names: Map<string, string> }) {
  return (
    <ul className="card item-list">
      {items.map((c) => (
        <li key={c.id} className="row" style={{ justifyContent: 'space-between' }}>
          <span>
            <Link to={`/conversations/${c.id}`}>{c.title}: <bdi>{names.get(c.employeeId) ?? 'Someone'}</bdi> and <bdi>{names.get(c.managerId) ?? 'manager'}</bdi></Link>
            <span className="small muted"> · {new Date(c.heldAt ?? c.scheduledAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })} · {c.state}</span>
          </span>
          <span className="small muted">{c.agendaItems} on the agenda · {c.openActionItems} open actions</span>
        </li>
      ))}
    </ul>
  );
}

function ReportRow({ report }: { report: Schemas['Report'] }) {
  const schedule = useScheduleConversation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState(() => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    tomorrow.setHours(10, 0, 0, 0);
    return toLocalInput(tomorrow.toISOString());
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    schedule.mutate({ employeeId: report.userId, scheduledAt: fromLocalInput(when) }, { onSuccess: (c) => navigate(`/conversations/${c.id}`) });
  };
  const date = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString() : '—');
  return (
    <tr>
      <td><bdi>{report.displayName}</bdi></td>
      <td style={{ minWidth: '8rem' }}>{report.objectives === 0 ? <span className="muted">none</span> : <ProgressBar value={report.progress} label={`Progress of ${report.displayName}'s objectives`} />}</td>
      <td>{report.atRisk}</td>
      <td>{report.dueCheckIns}</td>
      <td>{date(report.lastConversationAt)}</td>
      <td>{date(report.nextConversationAt)}</td>
      <td>{report.openActionItems}</td>
      <td>
        {open ? (
          <form onSubmit={submit} className="row" style={{ alignItems: 'flex-end' }}>
            <TextField label={`When, with ${report.displayName}`} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
            <button type="submit" className="button button--small" disabled={schedule.isPending}>Schedule</button>
          </form>
        ) : (
          <button type="button" className="button button--small" onClick={() => setOpen(true)} aria-label={`Schedule 1:1 with ${report.displayName}`}>Schedule 1:1</button>
        )}
        {schedule.isError && <ErrorMessage error={schedule.error} />}
      </td>
    </tr>
  );
}
