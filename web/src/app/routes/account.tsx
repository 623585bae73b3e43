import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorMessage } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { NotificationSettings } from '@/features/notifications';
import { useMe } from '@/features/users/api/users';
import { api, ApiError, unwrap } from '@/lib/api-client';
import { signIn } from '@/lib/auth';
import { useTitle } from '@/lib/use-title';

export default function AccountPage() {
  useTitle('Your account');
  const me = useMe();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const change = useMutation({
    mutationFn: async () => {
      await unwrap(api.POST('/api/v1/users/me/password', { body: { currentPassword: current, newPassword: next } }));
      // The change ended every session, this one included: start a fresh one with the new password.
      if (me.data?.email) await signIn(me.data.email, next); // always set: everyone sees their own
    },
    onSuccess: () => { setCurrent(''); setNext(''); },
  });
  const error = change.error instanceof ApiError ? change.error : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1>Your account</h1>
          <p>{me.data ? `${me.data.displayName} · ${me.data.email} · ${me.data.role}` : ''}</p>
        </div>
      </div>
      <section className="card stack" aria-labelledby="notifications-heading" style={{ marginBottom: '1rem' }}>
        <h2 id="notifications-heading">Notifications</h2>
        <NotificationSettings />
      </section>
      <form className="card stack" onSubmit={submit} noValidate style={{ maxWidth: 480 }}>
        <h2>Change your password</h2>
        {change.isSuccess && <div className="alert alert--info" role="status">Password changed. Your other sessions were signed out.</div>}
        {change.isError && !error?.fieldError('currentPassword') && !error?.fieldError('newPassword') && <ErrorMessage error={change.error} />}
        <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} error={error?.fieldError('currentPassword')} />
        <TextField label="New password" type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} hint="At least 10 characters, not your email" error={error?.fieldError('newPassword')} />
        <div><button type="submit" className="button" disabled={change.isPending}>Change password</button></div>
      </form>
      <TwoStepSignIn enabled={me.data?.totpEnabled ?? false} />
    </>
  );
}

/** Two-step sign-in: set up an authenticator app with its secret, confirm a code, keep the recovery codes; or turn it off. */
function TwoStepSignIn({ enabled }: { enabled: boolean }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const start = useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/users/me/two-factor')) });
  const confirm = useMutation({ mutationFn: (code: string) => unwrap(api.POST('/api/v1/users/me/two-factor/confirm', { body: { code } })), onSuccess: refresh });
  const disable = useMutation({ mutationFn: (code: string) => unwrap(api.POST('/api/v1/users/me/two-factor/disable', { body: { code } })), onSuccess: refresh });
  const [code, setCode] = useState('');
  const failed = (confirm.error ?? disable.error) instanceof ApiError ? ((confirm.error ?? disable.error) as ApiError).fieldError('code') : undefined;

  return (
    <section className="card stack" style={{ maxWidth: 480 }} aria-labelledby="two-step-heading">
      <h2 id="two-step-heading">Two-step sign-in</h2>
      {confirm.data ? (
        <div className="alert alert--info stack" role="status">
          <strong>Two-step sign-in is on.</strong>
          <span>Keep these recovery codes somewhere safe. Each signs you in once if you lose your phone; they are not shown again.</span>
          <ul style={{ fontFamily: 'monospace', columns: 2 }}>{confirm.data.recoveryCodes.map((c) => <li key={c}>{c}</li>)}</ul>
        </div>
      ) : enabled ? (
        <form className="stack" noValidate onSubmit={(event: FormEvent) => { event.preventDefault(); disable.mutate(code.trim(), { onSuccess: () => setCode('') }); }}>
          <p>On: signing in with your password also asks for a code from your authenticator app.</p>
          <TextField label="Code (or a recovery code) to turn it off" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} error={failed} />
          <div><button type="submit" className="button button--secondary" disabled={disable.isPending}>Turn off</button></div>
        </form>
      ) : start.data ? (
        <form className="stack" noValidate onSubmit={(event: FormEvent) => { event.preventDefault(); confirm.mutate(code.trim(), { onSuccess: () => setCode('') }); }}>
          <p>Add Okr to your authenticator app with this key (or open the link on your phone), then enter the code it shows.</p>
          <p style={{ fontFamily: 'monospace', overflowWrap: 'anywhere', margin: 0 }} aria-label="Secret key">{start.data.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
          <a href={start.data.otpauthUri} className="small">Open in an authenticator app</a>
          <TextField label="Code from the app" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} error={failed} />
          <div><button type="submit" className="button" disabled={confirm.isPending}>Turn on</button></div>
        </form>
      ) : (
        <>
          <p className="muted">Off. With it on, a stolen password alone no longer gets anyone in.</p>
          {start.isError && <ErrorMessage error={start.error} />}
          <div><button type="button" className="button button--secondary" disabled={start.isPending} onClick={() => start.mutate()}>Set up two-step sign-in</button></div>
        </>
      )}
    </section>
  );
}
