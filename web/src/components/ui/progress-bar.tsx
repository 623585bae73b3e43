import { percent, type Status } from '@/lib/status';

interface Props {
  value: number;
  expected?: number;
  status?: Status;
  /** What the bar measures, for screen readers ("Progress of Improve retention"). */
  label: string;
  large?: boolean;
}

/** Progress 0..1 as a bar, with a tick where the period says it should be by now. */
export function ProgressBar({ value, expected, status, label, large }: Props) {
  const width = `${Math.round(Math.min(1, Math.max(0, value)) * 100)}%`;
  const describedExpected = expected === undefined ? '' : `, expected ${percent(expected)} by now`;
  return (
    <div className="progress-line">
      <div
        className={`progress${large ? ' progress--large' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(value * 100)}
        aria-valuetext={`${percent(value)}${describedExpected}`}
      >
        <div className={`progress__fill${status ? ` progress__fill--${status}` : ''}`} style={{ width }} />
        {expected !== undefined && (
          <div className="progress__expected" style={{ left: `calc(${Math.round(expected * 100)}% - 1px)` }} title={`Expected by now: ${percent(expected)}`} />
        )}
      </div>
      <span className="progress-value" aria-hidden="true">{percent(value)}</span>
    </div>
  );
}
