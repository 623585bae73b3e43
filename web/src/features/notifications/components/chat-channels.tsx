import { useState } from 'react';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { ApiError, type Schemas } from '@/lib/api-client';
import { formatDate, relativeDay } from '@/lib/dates';
import { useChatChannels, useCreateChatChannel, useDeleteChatChannel, useTestChatChannel } from '../api/notifications';

/** A team's Slack and Teams channels (for its leads and admins): connect, test, disconnect, and how the last post went. */
export function ChatChannels({ teamId }: { teamId: string }) {
  const channels = useChatChannels(teamId);
  const create = useCreateChatChannel(teamId);
  const remove = useDeleteChatChannel(teamId);
  const test = useTestChatChannel(teamId);
  const [kind, setKind] = useState<Schemas['ChatKind']>('slack');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const urlError = create.error instanceof ApiError ? create.error.fieldError('url') : undefined;
  if (channels.isLoading) return <Skeleton lines={2} label="Loading chat channels" />;
  if (channels.isError) return <ErrorMessage error={channels.error} retry={() => channels.refetch()} />;
  const list = channels.data ?? [];

  return (
    <div className="stack">
      <p className="small muted" style={{ margin: 0 }}>
        Status changes (behind, at risk), a weekly summary of due check-ins and period openings and closings are posted with links into Okr.
      </p>
      {list.length === 0 ? <p className="muted small">No chat channel yet.</p> : (
        <ul className="kr-list" aria-label="Chat channels">
          {list.map((c) => (
            <li key={c.id} className="kr small">
              <div className="kr__head">
                <strong>{c.description ?? (c.kind === 'slack' ? 'Slack channel' : 'Teams channel')}</strong>
                <span className="row" style={{ gap: '0.4rem' }}>
                  <button type="button" className="button button--secondary button--small" disabled={test.isPending} onClick={() => test.mutate(c.id)}>
                    Send a test{' '}<span className="visually-hidden">to {c.description ?? c.host}</span>
                  </button>
                  <button type="button" className="button button--danger button--small" disabled={remove.isPending}
                    onClick={() => { if (window.confirm('Disconnect this chat channel?')) remove.mutate(c.id); }}>
                    Disconnect{' '}<span className="visually-hidden">{c.description ?? c.host}</span>
                  </button>
                </span>
              </div>
              <span className="kr__meta">
                {c.kind === 'slack' ? 'Slack' : 'Microsoft Teams'} · <code>{c.host}</code> ·{' '}
                {c.lastError ? <span className="field__error">last post failed: {c.lastError}</span>
                  : c.lastPostedAt ? <span title={formatDate(c.lastPostedAt)}>last post {relativeDay(c.lastPostedAt)}</span> : 'nothing posted yet'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <form className="row" style={{ alignItems: 'flex-end' }} onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ kind, url: url.trim(), description: description.trim() || undefined }, { onSuccess: () => { setUrl(''); setDescription(''); } });
      }}>
        <div className="field">
          <label htmlFor={`chat-kind-${teamId}`}>Chat app</label>
          <select id={`chat-kind-${teamId}`} value={kind} onChange={(e) => setKind(e.target.value as Schemas['ChatKind'])}>
            <option value="slack">Slack</option>
            <option value="teams">Microsoft Teams</option>
          </select>
        </div>
        <div className="field" style={{ flex: '1 1 16rem' }}>
          <label htmlFor={`chat-url-${teamId}`}>Incoming webhook URL</label>
          <input id={`chat-url-${teamId}`} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? `chat-url-error-${teamId}` : undefined} placeholder="https://hooks.slack.com/services/…" />
          {urlError && <span id={`chat-url-error-${teamId}`} className="field__error">{urlError}</span>}
        </div>
        <div className="field">
          <label htmlFor={`chat-name-${teamId}`}>Name (optional)</label>
          <input id={`chat-name-${teamId}`} value={description} maxLength={120} onChange={(e) => setDescription(e.target.value)} placeholder="#product" />
        </div>
        <button type="submit" className="button button--small" disabled={create.isPending || url.trim() === ''}>Connect</button>
      </form>
      {create.isError && !urlError && <ErrorMessage error={create.error} />}
    </div>
  );
}
