import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ErrorMessage } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
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
      <form className="card stack" onSubmit={submit} noValidate style={{ maxWidth: 480 }}>
        <h2>Change your password</h2>
        {change.isSuccess && <div className="alert alert--info" role="status">Password changed. Your other sessions were signed out.</div>}
        {change.isError && !error?.fieldError('currentPassword') && !error?.fieldError('newPassword') && <ErrorMessage error={change.error} />}
        <TextField label="Current password" type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} error={error?.fieldError('currentPassword')} />
        <TextField label="New password" type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} hint="At least 10 characters, not your email" error={error?.fieldError('newPassword')} />
        <div><button type="submit" className="button" disabled={change.isPending}>Change password</button></div>
      </form>
    </>
  );
}
