import { useState, type FormEvent, type ReactNode } from 'react';
import { EmptyState, ErrorMessage } from '@/components/ui/feedback';
import { SelectField, TextField, useFocusFirstError } from '@/components/ui/field';
import {
  useApiClients, useArchiveTeam, useCreateApiClient, useCreatePeriod, useCreateTeam, useCreateUser, useInvitations, useInvite, useResendInvitation, useRevokeApiClient,
  useRevokeInvitation, useSendPasswordReset, useSetUserActive, useUpdatePeriod, useUpdateUser,
} from '@/features/admin/api/admin';
import { Webhooks } from '@/features/admin/components/webhooks';
import { ExportPanel, ImportPanel, RecentImports } from '@/features/imports/components/import-export';
import { usePeriods } from '@/features/periods/api/periods';
import { useTeams } from '@/features/teams/api/teams';
import { pickerLabels, useMe, useUsers } from '@/features/users/api/users';
import { ApiError, type Schemas } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import { useTitle } from '@/lib/use-title';

const tabs = ['Periods', 'Teams', 'People', 'API clients', 'Webhooks', 'Import & export'] as const;
type Tab = (typeof tabs)[number];
const slug = (tab: Tab) => tab.toLowerCase().replace(/[^a-z]+/g, '-');

export default function AdminPage() {
  useTitle('Admin');
  const me = useMe();
  const [tab, setTab] = useState<Tab>('Periods');
  if (me.data && me.data.role !== 'admin') return <EmptyState title="Admins only">Ask an admin to change periods, teams or people.</EmptyState>;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Admin</h1>
          <p>Periods, teams and people of the organisation; integrations, imports and exports.</p>
        </div>
      </div>
      <div className="tabs" role="tablist" aria-label="Admin sections">
        {tabs.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${slug(t)}`} aria-controls={`panel-${slug(t)}`} aria-selected={tab === t} tabIndex={tab === t ? 0 : -1} onClick={() => setTab(t)}
            onKeyDown={(event) => {
              const i = tabs.indexOf(t);
              if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
                const next = tabs[(i + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
                setTab(next);
                document.getElementById(`tab-${slug(next)}`)?.focus();
              }
            }}>
            {t}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${slug(tab)}`} aria-labelledby={`tab-${slug(tab)}`} className="stack">
        {tab === 'Periods' && <Periods />}
        {tab === 'Teams' && <Teams />}
        {tab === 'People' && <People />}
        {tab === 'API clients' && <ApiClients />}
        {tab === 'Webhooks' && <Webhooks />}
        {tab === 'Import & export' && <ImportExport />}
      </div>
    </>
  );
}

function useForm<T>(initial: T) {
  const [values, setValues] = useState(initial);
  const bind = (key: keyof T) => ({ value: String(values[key] ?? ''), onChange: (event: { target: { value: string } }) => setValues({ ...values, [key]: event.target.value }) });
  return { values, bind, reset: () => setValues(initial) };
}

function FormCard({ title, error, children, onSubmit, busy, submit }: { title: string; error: unknown; children: ReactNode; onSubmit: () => void; busy: boolean; submit: string }) {
  const hasFieldErrors = error instanceof ApiError && Object.keys(error.problem.errors ?? {}).length > 0;
  const ref = useFocusFirstError(error);
  return (
    <form ref={ref} className="card stack" noValidate onSubmit={(event: FormEvent) => { event.preventDefault(); onSubmit(); }}>
      <h2>{title}</h2>
      {error != null && !hasFieldErrors && <ErrorMessage error={error} />}
      <div className="form-grid">{children}</div>
      <div><button type="submit" className="button" disabled={busy}>{busy ? 'Saving…' : submit}</button></div>
    </form>
  );
}

const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);

function Periods() {
  const periods = usePeriods();
  const create = useCreatePeriod();
  const update = useUpdatePeriod();
  const form = useForm({ label: '', startDate: '', endDate: '' });
  return (
    <>
      <FormCard title="New period" error={create.error} busy={create.isPending} submit="Create period"
        onSubmit={() => create.mutate({ label: form.values.label, startDate: form.values.startDate, endDate: form.values.endDate }, { onSuccess: form.reset })}>
        <TextField label="Label" placeholder="2027 Q1" {...form.bind('label')} error={fieldError(create.error, 'label')} />
        <TextField label="First day" type="date" {...form.bind('startDate')} error={fieldError(create.error, 'startDate')} />
        <TextField label="Last day" type="date" {...form.bind('endDate')} error={fieldError(create.error, 'endDate')} />
      </FormCard>
      {update.isError && <ErrorMessage error={update.error} />}
      <div className="card table-wrap">
        <table>
          <caption className="visually-hidden">Periods</caption>
          <thead><tr><th scope="col">Label</th><th scope="col">Dates</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {(periods.data?.items ?? []).map((p) => (
              <tr key={p.id}>
                <td>{p.label}</td>
                <td>{formatDate(p.startDate)} – {formatDate(p.endDate)}</td>
                <td><span className="badge badge--neutral">{p.state}</span></td>
                <td>
                  {p.state !== 'closed' && (
                    <button type="button" className="button button--secondary button--small" disabled={update.isPending}
                      onClick={() => {
                        // Closing ends the cycle for everyone and cannot be undone: asked for in words, as on the period's page.
                        if (p.state === 'active' && !window.confirm(`Close ${p.label}? Every objective still open is closed with its progress as its final score (saved scores stay), drafts are archived, and the period becomes read-only for all but admins. This cannot be undone.`)) return;
                        update.mutate({ id: p.id, version: p.version, changes: { state: p.state === 'planning' ? 'active' : 'closed' } });
                      }}>
                      {p.state === 'planning' ? `Start ${p.label}` : `Close ${p.label}`}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Teams() {
  const teams = useTeams();
  const create = useCreateTeam();
  const archive = useArchiveTeam();
  const list = teams.data?.items ?? [];
  const names = new Map(list.map((t) => [t.id, t.name]));
  const form = useForm({ name: '', slug: '', parentId: '' });
  // The teams as a tree: each one under its parent, indented by depth.
  const ordered: { team: (typeof list)[number]; depth: number }[] = [];
  const place = (parentId: string | null, depth: number) =>
    list.filter((t) => t.parentId === parentId).forEach((team) => {
      ordered.push({ team, depth });
      place(team.id, depth + 1);
    });
  place(null, 0);
  return (
    <>
      <FormCard title="New team" error={create.error} busy={create.isPending} submit="Create team"
        onSubmit={() => create.mutate({ name: form.values.name, slug: form.values.slug, parentId: form.values.parentId || null }, { onSuccess: form.reset })}>
        <TextField label="Name" {...form.bind('name')} error={fieldError(create.error, 'name')} />
        <TextField label="Slug" placeholder="customer-success" hint="Lower-case letters, digits and dashes" {...form.bind('slug')} error={fieldError(create.error, 'slug')} />
        <SelectField label="Part of" {...form.bind('parentId')} error={fieldError(create.error, 'parentId')}>
          <option value="">{list.length === 0 ? 'Nothing: this is the company' : 'Choose the team above'}</option>
          {list.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </SelectField>
      </FormCard>
      {archive.isError && <ErrorMessage error={archive.error} />}
      <div className="card table-wrap">
        <table>
          <caption className="visually-hidden">Teams</caption>
          <thead><tr><th scope="col">Team</th><th scope="col">Slug</th><th scope="col">Part of</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {ordered.map(({ team: t, depth }) => (
              <tr key={t.id}>
                <td style={{ paddingLeft: `${0.5 + depth * 1.25}rem` }}>{depth > 0 && <span aria-hidden="true" className="muted">└ </span>}{t.name}</td>
                <td><code>{t.slug}</code></td>
                <td>{t.parentId ? names.get(t.parentId) : <span className="muted">the company</span>}</td>
                <td>
                  {t.parentId && (
                    <button type="button" className="button button--danger button--small" disabled={archive.isPending}
                      onClick={() => { if (window.confirm(`Archive ${t.name}? Its objectives stay readable.`)) archive.mutate(t.id); }}>
                      Archive {t.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function People() {
  const users = useUsers();
  const create = useCreateUser();
  const update = useUpdateUser();
  const setActive = useSetUserActive();
  const list = users.data?.items ?? [];
  const names = new Map(list.map((u) => [u.id, u.displayName]));
  const labels = pickerLabels(list);
  const teams = useTeams();
  const form = useForm({ email: '', displayName: '', password: '', role: 'member', managerId: '', teamId: '', teamRole: 'member' });
  const reset = useSendPasswordReset();
  return (
    <>
      <Invitations people={list} />
      <FormCard title="Add a person" error={create.error} busy={create.isPending} submit="Add person"
        onSubmit={() => create.mutate({ email: form.values.email, displayName: form.values.displayName, password: form.values.password, role: form.values.role as 'admin' | 'member' | 'viewer', managerId: form.values.managerId || null,
          teams: form.values.teamId ? [{ teamId: form.values.teamId, role: form.values.teamRole === 'lead' ? 'lead' : 'member' }] : [] }, { onSuccess: form.reset })}>
        <TextField label="Email" type="email" {...form.bind('email')} error={fieldError(create.error, 'email')} />
        <TextField label="Name" {...form.bind('displayName')} error={fieldError(create.error, 'displayName')} />
        <TextField label="Initial password" type="password" autoComplete="new-password" hint="At least 10 characters" {...form.bind('password')} error={fieldError(create.error, 'password')} />
        <SelectField label="Role" {...form.bind('role')}>
          <option value="member">Member</option>
          <option value="viewer">Viewer (reads only)</option>
          <option value="admin">Admin</option>
        </SelectField>
        <SelectField label="Manager" {...form.bind('managerId')}>
          <option value="">None</option>
          {list.map((u) => <option key={u.id} value={u.id}>{labels.get(u.id) ?? u.displayName}</option>)}
        </SelectField>
        <SelectField label="Team" {...form.bind('teamId')} error={fieldError(create.error, 'teams[0].teamId')} hint="More teams can be added on each team’s page.">
          <option value="">None yet</option>
          {(teams.data?.items ?? []).filter((t) => !t.archived).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </SelectField>
        {form.values.teamId && (
          <SelectField label="Role in the team" {...form.bind('teamRole')} error={fieldError(create.error, 'teams[0].role')}>
            <option value="member">Member</option>
            <option value="lead">Lead</option>
          </SelectField>
        )}
      </FormCard>
      {update.isError && <ErrorMessage error={update.error} />}
      {setActive.isError && <ErrorMessage error={setActive.error} />}
      {reset.isError && <ErrorMessage error={reset.error} />}
      {reset.data && <LinkNotice link={reset.data.link} emailed={reset.data.emailed} what="The reset link" />}
      <div className="card table-wrap">
        <table>
          <caption className="visually-hidden">People</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Manager</th><th scope="col">Two-step sign-in</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}{!u.active && <span className="badge badge--neutral" style={{ marginLeft: '0.4rem' }}>deactivated</span>}{u.active && u.invited && <span className="badge badge--neutral" style={{ marginLeft: '0.4rem' }}>invited</span>}</td>
                <td>{u.email}</td>
                <td>
                  <select aria-label={`Role of ${u.displayName}`} value={u.role} disabled={update.isPending}
                    onChange={(event) => {
                      const role = event.target.value as Schemas['OrgRole'];
                      // Admin is every right at once: asked for in words, never granted by a slip of the keyboard.
                      if (role === 'admin' && !window.confirm(`Make ${u.displayName} an admin? Admins change people, teams, periods and every OKR.`)) return;
                      update.mutate({ id: u.id, version: u.version, changes: { role } });
                    }}>
                    <option value="admin">admin</option>
                    <option value="member">member</option>
                    <option value="viewer">viewer</option>
                  </select>
                </td>
                <td>{u.managerId ? names.get(u.managerId) : '—'}</td>
                <td>{u.totpEnabled ? 'on' : <span className="muted">off</span>}</td>
                <td className="row" style={{ gap: '0.4rem' }}>
                  {u.active && (
                    <button type="button" className="button button--small button--secondary" disabled={reset.isPending} onClick={() => reset.mutate(u.id)}>
                      Send {u.displayName} a reset link
                    </button>
                  )}
                  <button type="button" className={`button button--small ${u.active ? 'button--danger' : 'button--secondary'}`} disabled={setActive.isPending}
                    onClick={() => { if (u.active ? window.confirm(`Deactivate ${u.displayName}? They are signed out and cannot sign in; their OKRs stay.`) : true) setActive.mutate({ id: u.id, active: !u.active }); }}>
                    {u.active ? `Deactivate ${u.displayName}` : `Reactivate ${u.displayName}`}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Without a mail server, a link is shown once here, to pass on; with one, it went by email. */
function LinkNotice({ link, emailed, what }: { link?: string | null; emailed: boolean; what: string }) {
  return (
    <div className="alert alert--info" role="status">
      {emailed || !link ? `${what} is on its way by email.` : (
        <>
          {what} (shown once; no mail server is set up, so pass it on yourself):{' '}
          <a href={link} style={{ overflowWrap: 'anywhere' }}>{link}</a>
        </>
      )}
    </div>
  );
}

/** Invite people by email (they choose their own password), and the invitations still waiting. */
function Invitations({ people }: { people: Schemas['User'][] }) {
  const labels = pickerLabels(people);
  const teams = useTeams();
  const invite = useInvite();
  const pending = useInvitations();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const form = useForm({ email: '', displayName: '', role: 'member', teamId: '', teamRole: 'member', managerId: '' });
  const latest = resend.data ?? invite.data;
  return (
    <>
      <FormCard title="Invite someone" error={invite.error} busy={invite.isPending} submit="Send invitation"
        onSubmit={() => invite.mutate({
          email: form.values.email, displayName: form.values.displayName, role: form.values.role as Schemas['OrgRole'], managerId: form.values.managerId || null,
          teams: form.values.teamId ? [{ teamId: form.values.teamId, role: form.values.teamRole as Schemas['TeamRole'] }] : [],
        }, { onSuccess: form.reset })}>
        <TextField label="Email" type="email" {...form.bind('email')} error={fieldError(invite.error, 'email')} />
        <TextField label="Name" {...form.bind('displayName')} error={fieldError(invite.error, 'displayName')} />
        <SelectField label="Role" {...form.bind('role')}>
          <option value="member">Member</option>
          <option value="viewer">Viewer (reads only)</option>
          <option value="admin">Admin</option>
        </SelectField>
        <SelectField label="Team" {...form.bind('teamId')}>
          <option value="">None</option>
          {(teams.data?.items ?? []).filter((t) => !t.archived).map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
        </SelectField>
        <SelectField label="In the team as" {...form.bind('teamRole')}>
          <option value="member">Member</option>
          <option value="lead">Lead</option>
        </SelectField>
        <SelectField label="Manager" {...form.bind('managerId')}>
          <option value="">None</option>
          {people.filter((u) => u.active).map((u) => <option key={u.id} value={u.id}>{labels.get(u.id) ?? u.displayName}</option>)}
        </SelectField>
      </FormCard>
      {latest && <LinkNotice link={latest.link} emailed={latest.emailed} what={`The invitation for ${latest.displayName}`} />}
      {(resend.isError || revoke.isError) && <ErrorMessage error={resend.error ?? revoke.error} />}
      {(pending.data?.length ?? 0) > 0 && (
        <div className="card table-wrap">
          <table>
            <caption>Invitations waiting</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Link works until</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
            <tbody>
              {pending.data!.map((i) => (
                <tr key={i.userId}>
                  <td>{i.displayName}</td>
                  <td>{i.email}</td>
                  <td>{new Date(i.expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td className="row" style={{ gap: '0.4rem' }}>
                    <button type="button" className="button button--small button--secondary" disabled={resend.isPending} onClick={() => resend.mutate(i.userId)}>Resend to {i.displayName}</button>
                    <button type="button" className="button button--small button--danger" disabled={revoke.isPending}
                      onClick={() => { if (window.confirm(`Withdraw the invitation for ${i.displayName}? The link stops working.`)) revoke.mutate(i.userId); }}>
                      Withdraw {i.displayName}'s invitation
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ApiClients() {
  const clients = useApiClients();
  const create = useCreateApiClient();
  const revoke = useRevokeApiClient();
  const form = useForm({ name: '', scope: 'read' });
  return (
    <>
      <FormCard title="New API client" error={create.error} busy={create.isPending} submit="Create API client"
        onSubmit={() => create.mutate({ name: form.values.name, scope: form.values.scope as Schemas['ClientScope'] }, { onSuccess: form.reset })}>
        <TextField label="Name" placeholder="CRM sync" {...form.bind('name')} error={fieldError(create.error, 'name')} />
        <SelectField label="Scope" {...form.bind('scope')} hint="Read: reads only. Write: objectives, key results, check-ins. Import: bulk imports. Conversations: reads 1:1s (e.g. for an HR system), without private notes. Events: reads, and the event stream GET /api/v1/events. SCIM: your directory (Okta, Entra ID) provisions people and teams at /scim/v2, and nothing else.">
          <option value="read">Read</option>
          <option value="write">Write</option>
          <option value="import">Import</option>
          <option value="conversations">Conversations</option>
          <option value="events">Events</option>
          <option value="scim">SCIM provisioning</option>
        </SelectField>
      </FormCard>
      {create.data && (
        <div className="alert alert--info" role="status">
          <p><strong>Copy the secret now: it is not shown again.</strong></p>
          <p className="small">Client id: <code>{create.data.client.id}</code></p>
          <p className="small" style={{ wordBreak: 'break-all' }}>Secret: <code>{create.data.clientSecret}</code></p>
          {create.data.client.scope === 'scim' ? (
            <p className="small" style={{ margin: 0 }}>In your directory, set the SCIM base URL to <code>{`${window.location.origin}/scim/v2`}</code> and the bearer token to this secret.</p>
          ) : (
            <p className="small" style={{ margin: 0 }}>Sign in with <code>POST /api/v1/auth/token</code> and <code>{'{"grantType":"client_credentials","clientId":…,"clientSecret":…}'}</code>.</p>
          )}
        </div>
      )}
      {revoke.isError && <ErrorMessage error={revoke.error} />}
      <div className="card table-wrap">
        <table>
          <caption className="visually-hidden">API clients</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Scope</th><th scope="col">Last used</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {(clients.data?.items ?? []).map((c) => (
              <tr key={c.id}>
                <td>{c.name}{c.revokedAt && <span className="badge badge--neutral" style={{ marginLeft: '0.4rem' }}>revoked</span>}</td>
                <td>{c.scope}</td>
                <td>{c.lastUsedAt ? formatDate(c.lastUsedAt) : 'never'}</td>
                <td>
                  {!c.revokedAt && (
                    <button type="button" className="button button--danger button--small" disabled={revoke.isPending}
                      onClick={() => { if (window.confirm(`Revoke ${c.name}? Its secret stops working at once.`)) revoke.mutate(c.id); }}>
                      Revoke {c.name}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {clients.isSuccess && clients.data.items.length === 0 && <p className="muted">No API clients yet. Create one for each integration.</p>}
      </div>
    </>
  );
}

function ImportExport() {
  const periods = usePeriods();
  return (
    <>
      <ImportPanel />
      <RecentImports />
      <ExportPanel periods={periods.data?.items ?? []} />
    </>
  );
}
