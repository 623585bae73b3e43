import { countByStatus, statusLabels, statusOrder, type Status } from '../utils/status';

const colours: Record<Status, string> = { on_track: 'var(--on-track)', behind: '#d97706', at_risk: 'var(--at-risk)', not_started: '#9ca3af' };

/** How many objectives are on track, behind and at risk: a stacked bar people read at a glance, with the numbers beside it. */
export function HealthSummary({ items }: { items: { status: Status }[] }) {
  const counts = countByStatus(items);
  const total = items.length;
  return (
    <div className="card stack" style={{ gap: '0.5rem' }}>
      <div className="health-bar" role="img" aria-label={statusOrder.map((s) => `${counts[s]} ${statusLabels[s].toLowerCase()}`).join(', ')}>
        {statusOrder.map((s) => counts[s] > 0 && <span key={s} style={{ width: `${(counts[s] / total) * 100}%`, background: colours[s] }} />)}
      </div>
      <div className="row small">
        <strong>{total} objectives</strong>
        {statusOrder.filter((s) => s !== 'not_started' || counts[s] > 0).map((s) => (
          <span key={s} className={`badge badge--${s}`}>{counts[s]} {statusLabels[s].toLowerCase()}</span>
        ))}
      </div>
    </div>
  );
}
