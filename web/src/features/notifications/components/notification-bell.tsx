import { NavLink } from 'react-router';
import { useUnreadCount } from '../api/notifications';

/** The header's bell: a link to the inbox whose name says how many are unread ("Notifications, 3 unread"). */
export function NotificationBell() {
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  return (
    <NavLink to="/notifications" className="bell" aria-label={count > 0 ? `Notifications, ${count} unread` : 'Notifications'}>
      <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      </svg>
      {count > 0 && <span className="bell__count" aria-hidden="true" data-testid="unread-count">{count > 99 ? '99+' : count}</span>}
    </NavLink>
  );
}
