import { useState } from 'react';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { ApiError, type Schemas } from '@/lib/api-client';
import { useDisconnectChat, useNotificationSettings, useUpdateNotificationSettings, type NotificationKind } from '../api/notifications';

/** What each kind means, in the words of the settings table. */
export const kindLabels: Record<NotificationKind, string> = {
  check_in_due: 'My check-ins are due',
  status_changed: 'What I own or lead goes behind or at risk',
  aligned: 'Someone aligns an objective to mine',
  mentioned: 'Someone mentions me',
  commented: 'Someone comments on what I own or lead',
  conversation_scheduled: 'Someone schedules a 1:1 with me',
  packet_ready: 'My 1:1 is tomorrow: its packet is ready',
  period_closed: 'A period I take part in closes',
};

/** Per kind: in the app, by email (at once or in the morning digest), in my own chat; the weekly digest; my own chat channel. */
export function NotificationSettings() {
  const settings = useNotificationSettings();
  const update = useUpdateNotificationSettings();
  const disconnect = useDisconnectChat();
  const [kind, setKind] = useState<Schemas['ChatKind']>('slack');
  const [url, setUrl] = useState('');
  if (settings.isLoading) return <Skeleton lines={4} label="Loading your notification settings" />;
  if (settings.isError || !settings.data) return <ErrorMessage error={settings.error} retry={() => settings.refetch()} />;
  const data = settings.data;
  const change = (changes: Schemas['KindSettingChange']) => update.mutate({ kinds: [changes] });
  const urlError = update.error instanceof ApiError ? update.error.fieldError('chat.url') : undefined;

  return (
    <div className="stack">
      <div className="table-scroll">
        <table className="review-table">
          <caption className="visually-hidden">Where each kind of notification reaches you</caption>
          <thead>
            <tr><th scope="col">Tell me when</th><th scope="col">In Okr</th><th scope="col">Email</th><th scope="col">My chat</th></tr>
          </thead>
          <tbody>
            {data.kinds.map((k) => (
              <tr key={k.kind}>
                <th scope="row" style={{ fontWeight: 500 }}>{kindLabels[k.kind]}</th>
                <td><input type="checkbox" aria-label={`${kindLabels[k.kind]}: in Okr`} checked={k.inApp} onChange={(e) => change({ kind: k.kind, inApp: e.target.checked })} /></td>
                <td>
                  <select aria-label={`${kindLabels[k.kind]}: email`} value={k.email} onChange={(e) => change({ kind: k.kind, email: e.target.value as Schemas['EmailDelivery'] })}>
                    <option value="off">Off</option>
                    <option value="immediately">At once</option>
                    <option value="daily">Morning digest</option>
                  </select>
                </td>
                <td>
                  <input type="checkbox" aria-label={`${kindLabels[k.kind]}: my chat`} checked={k.chat} disabled={!data.chat}
                    aria-describedby={data.chat ? undefined : 'my-chat-needed'} onChange={(e) => change({ kind: k.kind, chat: e.target.checked })} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!data.chat && <p id="my-chat-needed" className="small muted" style={{ margin: 0 }}>My chat can be switched on once you connect your own chat below.</p>}
      <label className="row" style={{ gap: '0.5rem' }}>
        <input type="checkbox" checked={data.weeklyDigest} onChange={(e) => update.mutate({ weeklyDigest: e.target.checked })} />
        Send me the weekly digest (my OKRs, what is due, what needs attention)
      </label>
      <fieldset className="stack" style={{ gap: '0.5rem' }}>
        <legend>My own chat</legend>
        {data.chat ? (
          <p className="row small" style={{ margin: 0 }}>
            Connected to {data.chat.kind === 'slack' ? 'Slack' : 'Microsoft Teams'} at <code>{data.chat.host}</code>.
            <button type="button" className="button button--secondary button--small" disabled={disconnect.isPending} onClick={() => disconnect.mutate()}>Disconnect</button>
          </p>
        ) : (
          <form className="row" style={{ alignItems: 'flex-end' }} onSubmit={(e) => { e.preventDefault(); if (update.isPending || url.trim() === '') return; update.mutate({ chat: { kind, url: url.trim() } }, { onSuccess: () => setUrl('') }); }}>
            <div className="field">
              <label htmlFor="my-chat-kind">Chat app</label>
              <select id="my-chat-kind" value={kind} onChange={(e) => setKind(e.target.value as Schemas['ChatKind'])}>
                <option value="slack">Slack</option>
                <option value="teams">Microsoft Teams</option>
              </select>
            </div>
            <div className="field" style={{ flex: '1 1 16rem' }}>
              <label htmlFor="my-chat-url">Incoming webhook URL</label>
              <input id="my-chat-url" type="url" value={url} required onChange={(e) => setUrl(e.target.value)} aria-invalid={urlError ? true : undefined}
                aria-describedby={urlError ? 'my-chat-url-error' : 'my-chat-url-hint'} placeholder="https://hooks.slack.com/services/…" />
              {urlError ? <span id="my-chat-url-error" className="field__error">{urlError}</span>
                : <span id="my-chat-url-hint" className="field__hint">Make one for a direct message to yourself; it is kept encrypted.</span>}
            </div>
            <button type="submit" className="button button--small" aria-disabled={update.isPending || url.trim() === ''}>Connect</button>
          </form>
        )}
      </fieldset>
      {update.isError && !urlError && <ErrorMessage error={update.error} />}
      {disconnect.isError && <ErrorMessage error={disconnect.error} />}
    </div>
  );
}
