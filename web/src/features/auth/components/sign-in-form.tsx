import { useState, type FormEvent } from 'react';
import { TextField } from '@/components/ui/field';
import { ApiError } from '@/lib/api-client';
import { signIn } from '@/lib/auth';

/** Email and password. Used on the sign-in page and, when a session expires, over the page the person was on. */
export function SignInForm({ defaultEmail = '', onSignedIn }: { defaultEmail?: string; onSignedIn?: () => void }) {
  const [email, setEmail] = useState(defaultEmail);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Asked for only once the password was right and the account has two-step sign-in on.
  const [needsCode, setNeedsCode] = useState(false);
  const [code, setCode] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(email.trim(), password, needsCode ? code.trim() : undefined);
      onSignedIn?.();
    } catch (e) {
      const codeProblem = e instanceof ApiError ? e.fieldError('totpCode') : undefined;
      if (codeProblem) {
        setError(needsCode ? codeProblem : null);
        setNeedsCode(true);
        return;
      }
      setError(e instanceof ApiError && e.status === 401 ? 'That email and password do not match. Check both and try again.' : e instanceof ApiError ? e.message : 'Signing in failed. Try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {error && <div className="alert alert--error" role="alert">{error}</div>}
      <TextField label="Email" type="email" autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} required />
      <TextField label="Password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
      {needsCode && (
        <TextField label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" value={code} autoFocus
          onChange={(event) => setCode(event.target.value)} hint="6 digits, or one of your recovery codes." />
      )}
      <button type="submit" className="button" disabled={busy}>{busy ? 'Signing in…' : needsCode ? 'Verify and sign in' : 'Sign in'}</button>
    </form>
  );
}
