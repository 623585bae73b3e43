import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { Dialog } from '@/components/ui/dialog';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { NotificationBell } from '@/features/notifications';
import { PeriodSwitcher } from '@/features/periods/components/period-switcher';
import { useMe } from '@/features/users/api/users';
import { signOut, useAuth } from '@/lib/auth';

export function Layout() {
  const me = useMe();
  const auth = useAuth();
  const client = useQueryClient();
  const location = useLocation();
  const first = useRef(true);
  // The phone menu is open for one choice: it folds again on every navigation.
  const [menuOpen, setMenuOpen] = useState(false);
  const [seenPath, setSeenPath] = useState(location.pathname);
  if (seenPath !== location.pathname) {
    setSeenPath(location.pathname);
    setMenuOpen(false);
  }

  // After navigating, start screen readers and keyboards at the new content, not at the link that was used.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className={`app-header${menuOpen ? ' app-header--open' : ''}`}>
        <div className="app-header__inner">
          <NavLink to="/" className="brand" aria-label="Okr, my OKRs">
            <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true"><circle cx="16" cy="16" r="14" fill="#4338ca" /><circle cx="16" cy="16" r="8" fill="#fff" /><circle cx="16" cy="16" r="3" fill="#4338ca" /></svg>
            Okr
          </NavLink>
          {/* On a phone the bell stays in the bar, next to the menu (the one in the tools is hidden there). */}
          {me.data && <span className="phone-bell"><NotificationBell /></span>}
          <button type="button" className="button button--secondary button--small menu-button" aria-expanded={menuOpen} aria-controls="app-menu" onClick={() => setMenuOpen(!menuOpen)}>
            {menuOpen ? 'Close menu' : 'Menu'}
          </button>
          <div className="app-header__panel" id="app-menu">
          <nav className="nav" aria-label="Main">
            <NavLink to="/" end>My OKRs</NavLink>
            <NavLink to="/alignment">Alignment</NavLink>
            <NavLink to="/company">Company</NavLink>
            <NavLink to="/teams">Teams</NavLink>
            {me.data?.role !== undefined && <NavLink to="/conversations">1:1s</NavLink>}
            {(me.data?.role === 'admin' || me.data?.memberships.some((m) => m.role === 'lead')) && <NavLink to="/attention" aria-label="Needs attention">Attention</NavLink>}
            {(me.data?.role === 'admin' || me.data?.memberships.some((m) => m.role === 'lead')) && <NavLink to="/periods">Periods</NavLink>}
            {me.data?.role === 'admin' && <NavLink to="/admin">Admin</NavLink>}
          </nav>
          <div className="header-tools">
            <PeriodSwitcher />
            {me.data && <span className="desktop-bell"><NotificationBell /></span>}
            <NavLink to="/account" className="small" aria-label={`Your account${me.data ? `: ${me.data.displayName}` : ''}`}>{me.data?.displayName ?? 'Account'}</NavLink>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                // A fresh page load drops everything this person's session had in memory, and the next
                // person to sign in starts on their own home page.
                void signOut().finally(() => window.location.assign('/sign-in?signed-out'));
              }}
            >
              Sign out
            </button>
          </div>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Dialog open={auth.expired} title="Your session has expired">
        <p className="muted">Sign in again to carry on. Nothing you typed on this page is lost.</p>
        <SignInForm defaultEmail={auth.session?.email} onSignedIn={() => client.invalidateQueries()} />
      </Dialog>
    </>
  );
}
