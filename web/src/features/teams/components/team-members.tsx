import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import { usePickerLabels, useUsers } from '@/features/users';
import { useRemoveTeamMember, useSetTeamMember, useTeamMembers } from '../api/members';

/** Who is in a team; its leads and admins add people, change roles and remove them here. */
/** `canManage` comes from the team's `permissions` in the API. */
export function TeamMembers({ teamId, teamName, canManage: manage }: { teamId: string; teamName: string; canManage: boolean }) {
  const members = useTeamMembers(teamId);
  const users = useUsers();
  const labels = usePickerLabels();
  const set = useSetTeamMember(teamId);
  const remove = useRemoveTeamMember(teamId);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<'lead' | 'member'>('member');
  const list = members.data ?? [];
  const outside = (users.data?.items ?? []).filter((u) => u.active && !list.some((m) => m.userId === u.id));

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (userId) set.mutate({ userId, role }, { onSuccess: () => setUserId('') });
  };

  return (
    <div className="card stack">
      <h2>People</h2>
      {members.isLoading && <Skeleton lines={2} />}
      {members.isError && <ErrorMessage error={members.error} retry={() => members.refetch()} />}
      {members.isSuccess && list.length === 0 && <p className="muted">No members yet.</p>}
      <ul className="kr-list">
        {list.map((m) => (
          <li key={m.userId} className="row" style={{ justifyContent: 'space-between' }}>
            <span><Link to={`/people/${m.userId}`}><bdi>{m.displayName}</bdi></Link>{m.role === 'lead' && <span className="muted"> (lead)</span>}</span>
            {manage && (
              <span className="row" style={{ gap: '0.4rem' }}>
                <button type="button" className="button button--secondary button--small" disabled={set.isPending}
                  onClick={() => set.mutate({ userId: m.userId, role: m.role === 'lead' ? 'member' : 'lead' })}>
                  {m.role === 'lead' ? `Make ${m.displayName} a member` : `Make ${m.displayName} a lead`}
                </button>
                <button type="button" className="button button--danger button--small" disabled={remove.isPending}
                  onClick={() => { if (window.confirm(`Remove ${m.displayName} from ${teamName}?`)) remove.mutate(m.userId); }}>
                  Remove {m.displayName}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {(set.isError || remove.isError) && <ErrorMessage error={set.error ?? remove.error} />}
      {manage && outside.length > 0 && (
        <form className="form-grid" onSubmit={add} style={{ alignItems: 'end' }}>
          <SelectField label="Add a person" value={userId} onChange={(event) => setUserId(event.target.value)}>
            <option value="">Choose someone</option>
            {outside.map((u) => <option key={u.id} value={u.id}>{labels.get(u.id) ?? u.displayName}</option>)}
          </SelectField>
          <SelectField label="As" value={role} onChange={(event) => setRole(event.target.value as 'lead' | 'member')}>
            <option value="member">Member</option>
            <option value="lead">Lead</option>
          </SelectField>
          <div><button type="submit" className="button" disabled={!userId || set.isPending}>Add to {teamName}</button></div>
        </form>
      )}
    </div>
  );
}
