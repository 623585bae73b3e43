import { useEffect } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import { useAuth } from '@/lib/auth';

export function SignInPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const auth = useAuth();
  const from = (location.state as { from?: string } | null)?.from ?? '/';

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
        <SignInForm defaultEmail={auth.session?.email} />
        <Link to="/forgot-password" className="small">Forgot your password?</Link>
      </div>
    </main>
  );
}
