import { percent } from '@/lib/status';
import { ACHIEVED, type PeriodReview } from '../api/cycle';

const buckets = [
  { label: 'Under 30%', from: 0, to: 0.3, colour: 'var(--at-risk)' },
  { label: '30–69%', from: 0.3, to: ACHIEVED, colour: '#d97706' },
  { label: '70% and more', from: ACHIEVED, to: 1.0001, colour: 'var(--on-track)' },
];

/**
 * How the period ended, at a glance: achieved against missed as one bar, and the final scores as a small histogram
 * (each bar labelled with its count, and the whole described for screen readers).
 */
export function ScoreChart({ review, scores }: { review: PeriodReview; scores: number[] }) {
  const { summary } = review;
  if (summary.scored === 0) {
    return <p className="muted">No objective has a final score yet. Scores are given when objectives, or the whole period, are closed.</p>;
  }

  const counts = buckets.map((b) => scores.filter((s) => s >= b.from && s < b.to).length);
  const most = Math.max(1, ...counts);
  return (
    <div className="score-chart">
      <div className="stack" style={{ gap: '0.4rem' }}>
        <strong>Achieved and missed</strong>
        <div className="health-bar" role="img" aria-label={`${summary.achieved} achieved, ${summary.missed} missed, of ${summary.scored} scored`}>
          {summary.achieved > 0 && <span style={{ width: `${(summary.achieved / summary.scored) * 100}%`, background: 'var(--on-track)' }} />}
          {summary.missed > 0 && <span style={{ width: `${(summary.missed / summary.scored) * 100}%`, background: 'var(--at-risk)' }} />}
        </div>
        <span className="small">
          <span className="badge badge--on_track">{summary.achieved} achieved</span>{' '}
          <span className="badge badge--at_risk">{summary.missed} missed</span>
          {summary.averageScore !== null && summary.averageScore !== undefined && <> · average score {percent(summary.averageScore)}</>}
        </span>
      </div>
      <figure className="stack" style={{ gap: '0.4rem', margin: 0 }}>
        <figcaption><strong>Final scores</strong>{scores.length < summary.scored && <span className="small muted"> (this page)</span>}</figcaption>
        <div className="histogram" role="img" aria-label={buckets.map((b, i) => `${counts[i]} scored ${b.label.toLowerCase()}`).join(', ')}>
          {buckets.map((b, i) => (
            <div key={b.label} className="histogram__column">
              <span className="histogram__count" aria-hidden="true">{counts[i]}</span>
              <span className="histogram__bar" style={{ height: `${(counts[i]! / most) * 100}%`, background: b.colour }} />
              <span className="histogram__label small" aria-hidden="true">{b.label}</span>
            </div>
          ))}
        </div>
      </figure>
    </div>
  );
}
