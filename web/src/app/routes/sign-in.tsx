import { useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { SingleSignOnButton, singleSignOnProblem } from '@/features/auth/components/single-sign-on';
import { completeSingleSignOn, useAuth } from '@/lib/auth';

export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const auth = useAuth();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const ssoProblem = singleSignOnProblem(new URLSearchParams(location.search).get('sso'));

  useEffect(() => {
    document.title = 'Sign in · Okr';
  }, []);
  useEffect(() => {
    if (auth.session && !auth.expired) navigate(from, { replace: true });
  }, [auth, from, navigate]);

  return (
    <main id="main" className="signin">
      <div className="card stack">
        <div>
          <h1>Sign in to Okr</h1>
          <p className="muted">Objectives and key results your whole organisation can see.</p>
        </div>
        {location.search.includes('signed-out') && <div className="alert alert--info" role="status">You are signed out.</div>}
        {ssoProblem && <div className="alert alert--error" role="alert">{ssoProblem}</div>}
        <SingleSignOnButton returnTo={from} />
        <SignInForm defaultEmail={auth.session?.email} />
        <Link to="/forgot-password" className="small">Forgot your password?</Link>
      </div>
    </main>
  );
}

/** Where single sign-on lands (the API's callback redirects here): pick up the new session, then go where the person started. */
export function SingleSignOnLandingPage() {
  const navigate = useNavigate();
  const location = useLocation();
  useEffect(() => {
    document.title = 'Signing in · Okr';
    const wanted = new URLSearchParams(location.search).get('returnTo') ?? '/';
    const returnTo = wanted.startsWith('/') && !wanted.startsWith('//') && !wanted.startsWith('/\\') ? wanted : '/';
    let current = true;
    void completeSingleSignOn().then((ok) => {
      if (current) navigate(ok ? returnTo : '/sign-in?sso=failed', { replace: true });
    });
    return () => {
      current = false;
    };
  }, [location.search, navigate]);
  return (
    <main id="main" className="signin">
      <div className="card stack" role="status" aria-live="polite">
        <h1>Signing you in…</h1>
      </div>
    </main>
  );
}
