import { Link } from 'react-router';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { useTeamNames } from '@/features/teams';
import { useUserNames } from '@/features/users';
import type { Objective } from '../api/objectives';
import { levelLabels } from '../utils/status';
import { formatValue } from '../utils/wording';

/** An objective at a glance: what, whose, how far along, and each key result's progress. */
export function ObjectiveCard({ objective }: { objective: Objective }) {
  const teams = useTeamNames();
  const users = useUserNames();
  const owner = objective.ownerId ? users.get(objective.ownerId) : undefined;
  return (
    <article className="card objective-card" aria-labelledby={`objective-${objective.id}`}>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="row small" style={{ gap: '0.4rem' }}>
          <span className="badge badge--level">{levelLabels[objective.level]}</span>
          <span className="muted">{owner ?? teams.get(objective.teamId) ?? ''}</span>
          {objective.state !== 'active' && <span className="badge badge--neutral">{objective.state}</span>}
        </span>
        <StatusBadge status={objective.status} />
      </div>
      <Link id={`objective-${objective.id}`} to={`/objectives/${objective.id}`} className="objective-card__title">
        {objective.title}
      </Link>
      <ProgressBar value={objective.progress} expected={objective.expectedProgress} status={objective.status} label={`Progress of ${objective.title}`} />
      {objective.keyResults.length > 0 ? (
        <ul className="kr-list" aria-label="Key results">
          {objective.keyResults.map((kr) => (
            <li key={kr.id} className="kr">
              <div className="kr__head">
                <span className="small">{kr.title}</span>
                <span className="kr__meta">
                  {formatValue(kr.currentValue, kr.type === 'milestone' ? 'milestone' : kr.unit, kr.currencyCode)}
                  {kr.stale && <span className="badge badge--behind" style={{ marginLeft: '0.4rem' }}>Needs a check-in</span>}
                </span>
              </div>
              <ProgressBar value={kr.progress} status={kr.status} label={`Progress of ${kr.title}`} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted" style={{ margin: 0 }}>No key results: progress comes from the objectives aligned to it.</p>
      )}
    </article>
  );
}
