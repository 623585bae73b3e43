import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TextField } from '@/components/ui/field';
import { SingleSignOnButton } from '@/features/auth/components/single-sign-on';
import { api, ApiError, unwrap } from '@/lib/api-client';
import { signIn } from '@/lib/auth';

/** The card the signed-out pages share with the sign-in page. */
function SignedOutCard({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Okr`;
  }, [title]);
  return (
    <main id="main" className="signin">
      <div className="card stack">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

function problemText(error: unknown, field: string) {
  if (!(error instanceof ApiError)) return 'Something went wrong. Try again.';
  return error.fieldError(field) ?? error.message;
}

/** A new password twice, with the rules said up front. */
function PasswordForm({ submitLabel, busy, error, onSubmit }: { submitLabel: string; busy: boolean; error: string | null; onSubmit: (password: string) => void }) {
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < 10) return setProblem('Use at least 10 characters.');
    if (password !== repeat) return setProblem('The two passwords differ.');
    setProblem(null);
    onSubmit(password);
  };
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {(problem ?? error) && <div className="alert alert--error" role="alert">{problem ?? error}</div>}
      <TextField label="New password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} hint="At least 10 characters; not your email, and not one of the most common passwords." />
      <TextField label="Repeat the password" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
      <button type="submit" className="button" disabled={busy}>{busy ? 'Saving…' : submitLabel}</button>
    </form>
  );
}

/** Opened from an invitation email: choose a password, and you are in. */
export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = async (password: string) => {
    setBusy(true);
    setError(null);
    try {
      const done = await unwrap(api.POST('/api/v1/invitations/accept', { body: { token, password } }));
      await signIn(done.email, password); // the browser's own session: the refresh token in its HttpOnly cookie
      navigate('/', { replace: true });
    } catch (e) {
      setError(problemText(e, e instanceof ApiError && e.fieldError('password') ? 'password' : 'token'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <SignedOutCard title="Welcome to Okr">
      <SingleSignOnButton returnTo="/" />
      <p className="muted">Choose the password you will sign in with.</p>
      {token ? <PasswordForm submitLabel="Join" busy={busy} error={error} onSubmit={accept} /> : <p role="alert">This page needs the link from your invitation email.</p>}
    </SignedOutCard>
  );
}

/** "Forgot password": the same answer whether or not the email has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return setError('Enter the email you sign in with.');
    setBusy(true);
    setError(null);
    try {
      setSent((await unwrap(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } }))).detail);
    } catch (e) {
      setError(problemText(e, 'email'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <SignedOutCard title="Forgot your password?">
      {sent ? (
        <div className="alert alert--info" role="status">{sent}</div>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <p className="muted">We email you a link to choose a new one.</p>
          {error && <div className="alert alert--error" role="alert">{error}</div>}
          <TextField label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
          <button type="submit" className="button" disabled={busy}>{busy ? 'Sending…' : 'Send the link'}</button>
        </form>
      )}
      <Link to="/sign-in">Back to sign-in</Link>
    </SignedOutCard>
  );
}

/** Opened from a reset email (or a link an admin passed on): a new password; every other session ends. */
export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const token = params.get('token') ?? '';
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reset = async (newPassword: string) => {
    setBusy(true);
    setError(null);
    try {
      const done = await unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token, newPassword } }));
      await signIn(done.email, newPassword);
      navigate('/', { replace: true });
    } catch (e) {
      setError(problemText(e, e instanceof ApiError && e.fieldError('newPassword') ? 'newPassword' : 'token'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <SignedOutCard title="Choose a new password">
      <p className="muted">Signing in anywhere else ends when you save it.</p>
      {token ? <PasswordForm submitLabel="Save and sign in" busy={busy} error={error} onSubmit={reset} /> : <p role="alert">This page needs the link from your email.</p>}
      <Link to="/forgot-password">Ask for a new link</Link>
    </SignedOutCard>
  );
}
