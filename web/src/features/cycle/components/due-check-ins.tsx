import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { CheckInDialog } from '@/features/check-ins';
import { useObjective } from '@/features/objectives';
import { useUserNames } from '@/features/users';
import { overdueText, useDueCheckIns, type DueCheckIn } from '../api/cycle';

interface Props {
  /** A team's due check-ins (for its leads and admins); without it, the signed-in person's own. */
  teamId?: string;
  title?: string;
}

/**
 * The key results whose check-in is due, most overdue first, each with a one-click check-in. The API decides what is
 * due (the same rule as the reminder emails), wherever the key result sits — on your objectives or anyone else's.
 */
export function DueCheckIns({ teamId, title = 'Check-ins due' }: Props) {
  const due = useDueCheckIns(teamId);
  const users = useUserNames();
  const [open, setOpen] = useState<DueCheckIn | null>(null);
  const [caughtUp, setCaughtUp] = useState(false);
  const headingId = `due-${teamId ?? 'mine'}`;
  // A check-in takes its key result off this list, and with it the button that had focus: focus goes to the list's
  // heading then, so a keyboard user carries on here and not from the top of the page.
  const heading = useRef<HTMLHeadingElement>(null);
  const items = due.data?.items;

  if (due.isLoading) return <Skeleton lines={2} label="Loading check-ins that are due" />;
  if (due.isError) return <ErrorMessage error={due.error} retry={() => due.refetch()} />;
  const list = items ?? [];
  // While a check-in is open the list stays, even when its refresh has emptied it: the dialog lives in it.
  if (list.length === 0 && !caughtUp && !open) return null;

  return (
    <section aria-labelledby={headingId} className="card stack">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title} <span className="badge badge--neutral">{due.data!.totalCount}</span>
      </h2>
      {list.length === 0 && <p className="muted" style={{ margin: 0 }}>All caught up: nothing else is due.</p>}
      {list.length > 0 && <ul className="kr-list">
        {list.map((item) => (
          <li key={item.keyResultId} className="kr row" style={{ justifyContent: 'space-between' }}>
            <span>
              <strong>{item.title}</strong>
              <span className="small muted">
                {' · '}
                <Link to={`/objectives/${item.objectiveId}`}>{item.objectiveTitle}</Link>
                {teamId && item.ownerId && <> · <bdi>{users.get(item.ownerId) ?? 'Someone'}</bdi></>}
                {' · '}
                {item.lastCheckInAt ? overdueText(item.daysOverdue) : `never checked in, ${overdueText(item.daysOverdue)}`}
              </span>
            </span>
            <button type="button" className="button button--small" onClick={() => setOpen(item)} aria-label={`Check in: ${item.title}`}>
              Check in
            </button>
          </li>
        ))}
      </ul>}
      {open && <QuickCheckIn item={open} onClose={() => setOpen(null)} onSaved={() => setCaughtUp(true)} fallbackFocus={() => heading.current} />}
    </section>
  );
}

/** Loads the key result's objective (the dialog updates it as you save), then opens the usual check-in dialog. */
function QuickCheckIn({ item, onClose, onSaved, fallbackFocus }: { item: DueCheckIn; onClose: () => void; onSaved: () => void; fallbackFocus: () => HTMLElement | null }) {
  const objective = useObjective(item.objectiveId);
  const keyResult = objective.data?.keyResults.find((kr) => kr.id === item.keyResultId);
  if (objective.isError) return <ErrorMessage error={objective.error} retry={() => objective.refetch()} />;
  if (!keyResult) return <p className="small muted" role="status">Opening the check-in…</p>;
  return <CheckInDialog objectiveId={item.objectiveId} keyResult={keyResult} open onClose={onClose} onSaved={onSaved} fallbackFocus={fallbackFocus} />;
}
