import { Link } from 'react-router';
import { countByStatus, statusLabels, statusOrder, type Status } from '../utils/status';

const colours: Record<Status, string> = { on_track: 'var(--on-track)', behind: '#d97706', at_risk: 'var(--at-risk)', not_started: '#9ca3af', closed: '#6b7280' };

/**
 * How many objectives are on track, behind and at risk: a stacked bar people read at a glance, with the numbers beside it.
 * Closed objectives are done with: they count in no health, and are only mentioned.
 */
export function HealthSummary({ items: all, attentionHref }: { items: { status: Status; state?: string }[]; attentionHref?: (status: 'at_risk' | 'behind' | null) => string }) {
  // Drafts are not commitments yet: they count in no health, as in "Needs attention", which the chips open.
  const drafts = all.filter((item) => item.state === 'draft').length;
  const items = all.filter((item) => item.state !== 'draft');
  const closed = items.filter((item) => item.status === 'closed').length;
  const counts = countByStatus(items.filter((item) => item.status !== 'closed'));
  const total = items.length - closed;
  const shown = statusOrder.filter((s) => s !== 'closed');
  return (
    <div className="card stack" style={{ gap: '0.5rem' }}>
      <div className="health-bar" role="img" aria-label={shown.map((s) => `${counts[s]} ${statusLabels[s].toLowerCase()}`).join(', ')}>
        {shown.map((s) => counts[s] > 0 && <span key={s} style={{ width: `${(counts[s] / total) * 100}%`, background: colours[s] }} />)}
      </div>
      <div className="row small">
        <strong>{total} {total === 1 ? 'objective' : 'objectives'} in progress</strong>
        {shown.filter((s) => s !== 'not_started' || counts[s] > 0).map((s) =>
          // "2 at risk" leads to the two: a list of what needs attention, filtered to them.
          attentionHref && (s === 'at_risk' || s === 'behind') && counts[s] > 0 ? (
            <Link key={s} to={attentionHref(s)} className={`badge badge--${s}`}>{counts[s]} {statusLabels[s].toLowerCase()}</Link>
          ) : (
            <span key={s} className={`badge badge--${s}`}>{counts[s]} {statusLabels[s].toLowerCase()}</span>
          ),
        )}
        {closed > 0 && <span className="muted">· {closed} closed</span>}
        {drafts > 0 && <span className="muted">· {drafts} {drafts === 1 ? 'draft' : 'drafts'}</span>}
        {attentionHref && <Link to={attentionHref(null)} className="small" style={{ marginLeft: 'auto' }}>Needs attention</Link>}
      </div>
    </div>
  );
}

/**
 * The "needs attention" list for a team (or the organisation), filtered to one status when given; `below` includes the
 * teams below it, as the tree does (a team's page counts the team's own objectives only).
 */
export function attentionLink(teamId: string | undefined, status: 'at_risk' | 'behind' | null, below = false): string {
  const params = new URLSearchParams();
  if (teamId) params.set('team', teamId);
  if (teamId && below) params.set('below', '1');
  if (status) params.set('reason', status);
  const query = params.toString();
  return query ? `/attention?${query}` : '/attention';
}
