import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '@/components/ui/feedback';
import { TextField, useFocusFirstError } from '@/components/ui/field';
import { ApiError, type Schemas } from '@/lib/api-client';
import { formatDate } from '@/lib/dates';
import {
  useCreateWebhook, useDeleteWebhook, useRedeliver, useRotateWebhookSecret, useTestWebhook, useUpdateWebhook, useWebhookDeliveries, useWebhooks,
} from '../api/webhooks';

/** The event types a webhook can subscribe to, grouped as people think of them (the API's list: EventTypes.All). */
export const eventGroups: { label: string; types: string[] }[] = [
  { label: 'Objectives', types: ['objective.created', 'objective.updated', 'objective.status_changed', 'objective.closed', 'objective.carried_over', 'objective.deleted'] },
  { label: 'Key results', types: ['key_result.created', 'key_result.updated', 'key_result.status_changed', 'key_result.deleted', 'check_in.created'] },
  { label: 'Periods', types: ['period.created', 'period.updated', 'period.state_changed', 'period.deleted'] },
  { label: 'Teams', types: ['team.created', 'team.updated', 'team.archived', 'team.member_added', 'team.member_updated', 'team.member_removed'] },
  { label: 'People', types: ['user.created', 'user.updated', 'user.deactivated', 'user.activated', 'user.deleted'] },
  { label: 'Comments', types: ['comment.created', 'comment.updated', 'comment.deleted'] },
  { label: 'Other', types: ['conversation.scheduled', 'conversation.held', 'import.succeeded', 'import.failed'] },
];

const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? error.fieldError(field) : undefined);

const deliveryBadge: Record<Schemas['DeliveryStatus'], string> = {
  pending: 'badge--neutral', retrying: 'badge--behind', succeeded: 'badge--on_track', dead: 'badge--at_risk',
};

function SecretNotice({ secret }: { secret: string }) {
  return (
    <div className="alert alert--info" role="status">
      <p><strong>Copy the signing secret now: it is not shown again.</strong></p>
      <p className="small" style={{ wordBreak: 'break-all' }}>Secret: <code>{secret}</code></p>
      <p className="small" style={{ margin: 0 }}>
        Verify each delivery's <code>webhook-signature</code> with a Standard Webhooks library and this secret; deduplicate by <code>webhook-id</code>.
      </p>
    </div>
  );
}

export function Webhooks() {
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const rotate = useRotateWebhookSecret();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>(['key_result.status_changed', 'check_in.created']);
  const ref = useFocusFirstError(create.error);
  const typesError = fieldError(create.error, 'eventTypes');
  const secret = rotate.data?.secret ?? create.data?.secret;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ url, description: description || undefined, eventTypes: types }, {
      onSuccess: () => { setUrl(''); setDescription(''); },
    });
  };

  return (
    <>
      <form ref={ref} className="card stack" noValidate onSubmit={submit}>
        <h2>New webhook</h2>
        <p className="muted small" style={{ margin: 0 }}>Okr POSTs each event to the URL, signed as Standard Webhooks says, and retries for a day when the receiver fails.</p>
        {create.error != null && !(create.error instanceof ApiError && Object.keys(create.error.problem.errors ?? {}).length > 0) && <ErrorMessage error={create.error} />}
        <div className="form-grid">
          <TextField label="URL" placeholder="https://hooks.example.com/okr" value={url} onChange={(e) => setUrl(e.target.value)} error={fieldError(create.error, 'url')} />
          <TextField label="Description" placeholder="Dashboard sync" value={description} onChange={(e) => setDescription(e.target.value)} error={fieldError(create.error, 'description')} />
        </div>
        <fieldset className="stack" aria-describedby={typesError ? 'event-types-error' : undefined}>
          <legend>Event types</legend>
          <div className="event-groups">
            {eventGroups.map((group) => (
              <div key={group.label}>
                <p className="small" style={{ margin: '0 0 0.25rem', fontWeight: 600 }}>{group.label}</p>
                {group.types.map((type) => (
                  <label key={type} className="check">
                    <input type="checkbox" checked={types.includes(type)}
                      onChange={(e) => setTypes(e.target.checked ? [...types, type] : types.filter((t) => t !== type))} />
                    <code>{type}</code>
                  </label>
                ))}
              </div>
            ))}
          </div>
          {typesError && <p id="event-types-error" className="field__error" role="alert">{typesError}</p>}
        </fieldset>
        <div><button type="submit" className="button" disabled={create.isPending}>{create.isPending ? 'Saving…' : 'Create webhook'}</button></div>
      </form>
      {secret && <SecretNotice secret={secret} />}
      {rotate.isError && <ErrorMessage error={rotate.error} />}
      {webhooks.isError && <ErrorMessage error={webhooks.error} />}
      {webhooks.isPending && <p className="muted" role="status">Loading webhooks…</p>}
      {webhooks.isSuccess && webhooks.data.items.length === 0 && (
        <div className="card"><p className="muted" style={{ margin: 0 }}>No webhooks yet. Create one to tell another system about changes as they happen.</p></div>
      )}
      {webhooks.data?.items.map((w) => <WebhookCard key={w.id} webhook={w} onRotate={() => rotate.mutate(w.id)} rotating={rotate.isPending} />)}
    </>
  );
}

function WebhookCard({ webhook, onRotate, rotating }: { webhook: Schemas['Webhook']; onRotate: () => void; rotating: boolean }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const test = useTestWebhook();
  const name = webhook.description ?? webhook.url;
  return (
    <section className="card stack" aria-label={`Webhook ${name}`}>
      <div className="row" style={{ justifyContent: 'space-between', flexWrap: 'wrap', gap: '0.5rem' }}>
        <div style={{ minWidth: 0 }}>
          <h3 style={{ margin: 0, wordBreak: 'break-all' }}>{webhook.url}</h3>
          {webhook.description && <p className="muted small" style={{ margin: 0 }}>{webhook.description}</p>}
          <p className="small" style={{ margin: '0.25rem 0 0' }}>
            <span className={`badge ${webhook.active ? 'badge--on_track' : 'badge--neutral'}`}>{webhook.active ? 'On' : 'Off'}</span>{' '}
            {webhook.eventTypes.length} event {webhook.eventTypes.length === 1 ? 'type' : 'types'}
            {webhook.failingSince && webhook.active && <> · failing since {formatDate(webhook.failingSince)}</>}
          </p>
          {webhook.disabledReason && <p className="small alert alert--error" role="status" style={{ margin: '0.5rem 0 0' }}>{webhook.disabledReason}</p>}
        </div>
        <div className="row" style={{ gap: '0.4rem', flexWrap: 'wrap' }}>
          <button type="button" className="button button--small" onClick={() => test.mutate(webhook.id, { onSuccess: () => setOpen(true) })} disabled={test.isPending || !webhook.active}>
            Send test
          </button>
          <button type="button" className="button button--small button--secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
            {open ? 'Hide deliveries' : 'Deliveries'}
          </button>
          <button type="button" className="button button--small button--secondary" disabled={update.isPending}
            onClick={() => update.mutate({ id: webhook.id, version: webhook.version, changes: { active: !webhook.active } })}>
            {webhook.active ? 'Switch off' : 'Switch on'}
          </button>
          <button type="button" className="button button--small button--secondary" disabled={rotating}
            onClick={() => { if (window.confirm('Make a new signing secret? The current one keeps signing for 24 hours.')) onRotate(); }}>
            Rotate secret
          </button>
          <button type="button" className="button button--small button--danger" disabled={remove.isPending}
            onClick={() => { if (window.confirm(`Delete the webhook to ${webhook.url}? Its deliveries stop.`)) remove.mutate(webhook.id); }}>
            Delete
          </button>
        </div>
      </div>
      {(update.isError || remove.isError || test.isError) && <ErrorMessage error={update.error ?? remove.error ?? test.error} />}
      {open && <Deliveries webhookId={webhook.id} />}
    </section>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const deliveries = useWebhookDeliveries(webhookId);
  const redeliver = useRedeliver();
  if (deliveries.isPending) return <p className="muted" role="status">Loading deliveries…</p>;
  if (deliveries.isError) return <ErrorMessage error={deliveries.error} />;
  if (deliveries.data.items.length === 0) return <p className="muted">Nothing delivered yet: changes of the types above, and tests, appear here.</p>;
  return (
    <div className="table-wrap">
      {redeliver.isError && <ErrorMessage error={redeliver.error} />}
      <table>
        <caption className="visually-hidden">Deliveries</caption>
        <thead>
          <tr><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Last answer</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          {deliveries.data.items.map((d) => (
            <tr key={d.id}>
              <td><code>{d.eventType}</code><div className="muted small">{formatDate(d.createdAt)}</div></td>
              <td>
                <span className={`badge ${deliveryBadge[d.status]}`}>{d.status}</span>
                {d.nextAttemptAt && d.status === 'retrying' && <div className="muted small">next try {formatDate(d.nextAttemptAt)}</div>}
              </td>
              <td>{d.attempts}</td>
              <td className="small" style={{ maxWidth: '28rem', wordBreak: 'break-word' }}>
                {d.lastStatusCode != null && <strong>HTTP {d.lastStatusCode}</strong>}
                {d.lastError && <div>{d.lastError}</div>}
                {d.responseSnippet && <div className="muted"><code>{d.responseSnippet.slice(0, 200)}</code></div>}
                {d.lastAttemptAt && <div className="muted">{formatDate(d.lastAttemptAt)}</div>}
              </td>
              <td>
                <button type="button" className="button button--small button--secondary" disabled={redeliver.isPending}
                  onClick={() => redeliver.mutate({ id: webhookId, deliveryId: d.id })}>
                  Redeliver <span className="visually-hidden">{d.eventType}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
