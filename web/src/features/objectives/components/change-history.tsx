import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useTeamNames } from '@/features/teams';
import { useUserNames } from '@/features/users';
import { formatDate, relativeDay } from '@/lib/dates';
import { useObjectiveHistory } from '../api/history';
import type { Objective } from '../api/objectives';
import { describeChange, type AuditEntry } from '../utils/describe-change';

interface Props {
  objective: Objective;
  /** Titles of the objectives around this one (parent, aligned), so "aligned to" names them. */
  objectiveTitles: Map<string, string>;
}

/** Who changed what on this objective and its key results, when, from → to; newest first, 20 at a time. */
export function ChangeHistory({ objective, objectiveTitles }: Props) {
  const history = useObjectiveHistory(objective.id);
  const users = useUserNames();
  const teams = useTeamNames();
  const keyResults = new Map(objective.keyResults.map((kr) => [kr.id, kr.title]));
  const names = {
    user: (id: string) => users.get(id),
    team: (id: string) => teams.get(id),
    objective: (id: string) => (id === objective.id ? objective.title : objectiveTitles.get(id)),
    keyResult: (id: string) => keyResults.get(id),
  };
  // A check-in names its author (who measured), which is also who wrote it unless it came in by import or seeding.
  const who = (entry: AuditEntry) => {
    const author = entry.entityType === 'check_in' ? (entry.changes as { authorId?: { new?: unknown } } | null)?.authorId?.new : undefined;
    if (typeof author === 'string') return users.get(author) ?? 'Someone';
    return entry.importId ? 'An import' : entry.actorUserId ? users.get(entry.actorUserId) ?? 'Someone' : entry.actorClientId ? 'An integration' : 'Okr';
  };

  if (history.isLoading) return <Skeleton lines={3} label="Loading the history" />;
  if (history.isError) return <ErrorMessage error={history.error} retry={() => history.refetch()} />;
  const entries = (history.data?.pages ?? []).flatMap((page) => page.items);
  const lines = entries.flatMap((entry) => {
    const line = describeChange(entry, names);
    return line ? [{ ...line, who: who(entry) }] : [];
  });

  return (
    <div className="stack" style={{ gap: '0.5rem' }}>
      {lines.length === 0 ? (
        <p className="muted small" style={{ margin: 0 }}>No changes recorded yet.</p>
      ) : (
        <ol className="kr-list" aria-label="Changes, newest first">
          {lines.map((line) => (
            <li key={line.id} className="kr small">
              <div className="kr__head">
                <span><bdi>{line.who}</bdi> {line.summary}</span>
                <time className="kr__meta" dateTime={line.at} title={formatDate(line.at)}>{relativeDay(line.at)}</time>
              </div>
              {line.fields.length > 0 && (
                <ul className="change-fields">
                  {line.fields.map((f) => (
                    <li key={f.field}>
                      {f.field}: <del>{f.from}</del> <span aria-hidden="true">→</span><span className="visually-hidden">changed to</span> <ins>{f.to}</ins>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {history.hasNextPage && (
        <button type="button" className="button button--secondary button--small" style={{ alignSelf: 'start' }} disabled={history.isFetchingNextPage} onClick={() => history.fetchNextPage()}>
          {history.isFetchingNextPage ? 'Loading…' : 'Show older changes'}
        </button>
      )}
    </div>
  );
}
