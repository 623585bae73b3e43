import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from '@/features/notifications';
import { formatDate, relativeDay } from '@/lib/dates';
import { useTitle } from '@/lib/use-title';

/** The inbox: newest first, unread ones marked; opening one marks it read and goes where it leads. */
export default function NotificationsPage() {
  useTitle('Notifications');
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const items = list.data?.items ?? [];
  const unread = useUnreadCount().data?.count ?? items.filter((n) => !n.readAt).length;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Notifications</h1>
          <p>What happened to your OKRs and the people you work with. <Link to="/account">Choose what reaches you, and how</Link>.</p>
        </div>
        <div className="row">
          <label className="row small" style={{ gap: '0.4rem' }}>
            <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Unread only
          </label>
          <button type="button" className="button button--secondary button--small" aria-disabled={markAll.isPending || unread === 0}
            onClick={() => { if (!markAll.isPending && unread > 0) markAll.mutate(); }}>
            Mark all read
          </button>
        </div>
      </div>
      {list.isLoading ? <Skeleton lines={4} label="Loading your notifications" />
        : list.isError ? <ErrorMessage error={list.error} retry={() => list.refetch()} />
        : items.length === 0 ? (
          <EmptyState title={unreadOnly ? 'Nothing unread' : 'No notifications yet'}>
            You will be told here when someone mentions you, comments on or aligns to what you own, when a key result goes at risk, and when check-ins are due.
          </EmptyState>
        ) : (
          <ul className="inbox" aria-label="Notifications, newest first">
            {items.map((n) => (
              <li key={n.id} className={`inbox__item${n.readAt ? '' : ' inbox__item--unread'}`}>
                <a href={n.link} onClick={(event) => {
                  if (!n.readAt) markRead.mutate(n.id);
                  // Ctrl-, Cmd- or Shift-click opens it elsewhere, as any link does; a plain click stays in the app.
                  if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
                  event.preventDefault();
                  void navigate(n.link);
                }}>
                  {!n.readAt && <span className="visually-hidden">Unread: </span>}
                  <strong>{n.title}</strong>
                </a>
                {n.body && <p className="small" style={{ margin: '0.2rem 0 0' }}>{n.body}</p>}
                <span className="small muted"><time dateTime={n.createdAt} title={formatDate(n.createdAt)}>{relativeDay(n.createdAt)}</time></span>
              </li>
            ))}
          </ul>
        )}
      {markRead.isError && <ErrorMessage error={markRead.error} />}
    </>
  );
}
