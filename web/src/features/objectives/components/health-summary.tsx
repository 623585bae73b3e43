import { countByStatus, statusLabels, statusOrder, type Status } from '../utils/status';

const colours: Record<Status, string> = { on_track: 'var(--on-track)', behind: '#d97706', at_risk: 'var(--at-risk)', not_started: '#9ca3af', closed: '#6b7280' };

/**
 * How many objectives are on track, behind and at risk: a stacked bar people read at a glance, with the numbers beside it.
 * Closed objectives are done with: they count in no health, and are only mentioned.
 */
export function HealthSummary({ items }: { items: { status: Status }[] }) {
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
        {shown.filter((s) => s !== 'not_started' || counts[s] > 0).map((s) => (
          <span key={s} className={`badge badge--${s}`}>{counts[s]} {statusLabels[s].toLowerCase()}</span>
        ))}
        {closed > 0 && <span className="muted">· {closed} closed</span>}
      </div>
    </div>
  );
}
