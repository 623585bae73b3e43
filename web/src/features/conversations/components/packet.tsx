import { Link } from 'react-router';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { StatusBadge } from '@/components/ui/status-badge';
import { useCheckIns } from '@/features/check-ins';
import { levelLabels } from '@/features/objectives';
import { percent } from '@/lib/status';
import { usePacket, type Packet } from '../api/conversations';

const highlightIcons: Record<Packet['highlights'][number]['kind'], string> = {
  went_at_risk: '!', confidence_drop: '↓', stale: '…', no_check_ins: '∅', achieved: '✓', recovered: '↑', closed: '■', new_objective: '+',
};

interface Props {
  conversationId: string;
  /** Puts an objective or key result on the agenda in one click; absent when the caller may not change the conversation. */
  onDiscuss?: (item: { text: string; objectiveId: string; keyResultId?: string }) => void;
}

/** The 1:1's preparation: what changed since last time, highlights first, then each objective then → now. */
export function PacketView({ conversationId, onDiscuss }: Props) {
  const packet = usePacket(conversationId);
  if (packet.isLoading) return <Skeleton lines={6} label="Preparing the conversation" />;
  if (packet.isError) return <ErrorMessage error={packet.error} retry={() => packet.refetch()} />;
  const data = packet.data!;
  const since = new Date(data.since).toLocaleDateString();
  const until = new Date(data.until).toLocaleDateString();

  return (
    <section className="card stack" aria-labelledby="packet-heading">
      <div>
        <h2 id="packet-heading" style={{ marginBottom: 0 }}>What changed</h2>
        <p className="small muted" style={{ margin: 0 }}>From {since} to {until}</p>
      </div>
      {data.highlights.length > 0 ? (
        <ul className="highlights" aria-label="Highlights">
          {data.highlights.map((h, i) => (
            <li key={`${h.kind}-${h.keyResultId ?? h.objectiveId}-${i}`} className={`highlight highlight--${h.kind}`}>
              <span aria-hidden="true">{highlightIcons[h.kind]}</span> {h.text}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Nothing stands out: no risks, drops or wins in this window.</p>
      )}

      {data.objectives.length === 0 && <p className="muted">No objectives of this person in this window.</p>}
      {data.objectives.map((o) => (
        <article key={o.objectiveId} className="packet-objective stack" aria-labelledby={`po-${o.objectiveId}`}>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h3 id={`po-${o.objectiveId}`} style={{ margin: 0 }}>
              <Link to={`/objectives/${o.objectiveId}`}>{o.title}</Link>
            </h3>
            <span className="row small" style={{ gap: '0.3rem' }}>
              <span className="badge badge--level">{levelLabels[o.level]}</span>
              <StatusBadge status={o.statusNow} />
              {onDiscuss && <button type="button" className="button button--secondary button--small" onClick={() => onDiscuss({ text: o.title, objectiveId: o.objectiveId })} aria-label={`Add “${o.title}” to the agenda`}>Discuss</button>}
            </span>
          </div>
          <ThenNow then={o.progressThen} now={o.progressNow} label={o.title} />
          <ul className="kr-list">
            {o.keyResults.map((k) => (
              <li key={k.keyResultId} className="kr stack" style={{ gap: '0.25rem' }}>
                <div className="row" style={{ justifyContent: 'space-between' }}>
                  <strong>{k.title}</strong>
                  <span className="row small" style={{ gap: '0.3rem' }}>
                    {k.stale && <span className="badge badge--behind">check-in due</span>}
                    {onDiscuss && <button type="button" className="button button--secondary button--small" onClick={() => onDiscuss({ text: k.title, objectiveId: o.objectiveId, keyResultId: k.keyResultId })} aria-label={`Add “${k.title}” to the agenda`}>Discuss</button>}
                  </span>
                </div>
                <div className="row small" style={{ gap: '0.75rem' }}>
                  <span>{k.valueThen} → <strong>{k.valueNow}</strong></span>
                  <span className="muted">confidence {k.confidenceThen ?? '–'} → {k.confidenceNow ?? '–'}</span>
                  <span className="muted">{k.checkIns === 1 ? '1 check-in' : `${k.checkIns} check-ins`}</span>
                  <Sparkline keyResultId={k.keyResultId} since={data.since} until={data.until} label={k.title} />
                </div>
              </li>
            ))}
          </ul>
        </article>
      ))}

      {data.dueCheckIns.length > 0 && (
        <div className="stack" style={{ gap: '0.25rem' }}>
          <h3 style={{ margin: 0 }}>Check-ins due</h3>
          <ul>{data.dueCheckIns.map((d) => <li key={d.keyResultId}>{d.title} <span className="muted small">({d.objectiveTitle})</span></li>)}</ul>
        </div>
      )}
    </section>
  );
}

/** Progress at the start of the window (faint) and now (solid), with both numbers in words for screen readers. */
function ThenNow({ then, now, label }: { then: number; now: number; label: string }) {
  return (
    <div className="progress-line">
      <div className="progress" role="img" aria-label={`Progress of ${label}: ${percent(then)} then, ${percent(now)} now`}>
        <div className="progress__fill progress__fill--then" style={{ width: `${Math.round(then * 100)}%` }} />
        <div className="progress__fill progress__fill--now" style={{ width: `${Math.round(now * 100)}%` }} />
      </div>
      <span className="progress-value small" aria-hidden="true">{percent(then)} → {percent(now)}</span>
    </div>
  );
}

/** The key result's check-ins within the window, as a small line. */
function Sparkline({ keyResultId, since, until, label }: { keyResultId: string; since: string; until: string; label: string }) {
  const checkIns = useCheckIns(keyResultId);
  const points = (checkIns.data?.items ?? [])
    .filter((c) => c.measuredAt > since && c.measuredAt <= until)
    .sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const x = (i: number) => (i / (points.length - 1)) * 78 + 1;
  const y = (v: number) => (max === min ? 10 : 19 - ((v - min) / (max - min)) * 18);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg width="80" height="20" viewBox="0 0 80 20" role="img" aria-label={`${label}: ${values.join(', ')} since last time`}>
      <path d={path} fill="none" stroke="var(--brand)" strokeWidth="1.5" />
    </svg>
  );
}
