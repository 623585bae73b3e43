import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { SelectField, TextField } from '@/components/ui/field';
import {
  twoWeeksAfter, useAddActionItem, useAddAgendaItem, useConversation, useScheduleConversation, useUpdateActionItem, useUpdateAgendaItem,
  useUpdateConversation, type ActionItem, type Conversation,
} from '@/features/conversations/api/conversations';
import { PacketView } from '@/features/conversations/components/packet';
import { useUserNames } from '@/features/users';
import { ApiError } from '@/lib/api-client';
import { useTitle } from '@/lib/use-title';

/** A 1:1: the packet to prepare with, the agenda, notes (shared and private), action items, and what comes next. */
export default function ConversationPage() {
  const { id = '' } = useParams();
  const conversation = useConversation(id);
  const names = useUserNames();
  const employee = conversation.data ? names.get(conversation.data.employeeId) : undefined;
  useTitle(conversation.data ? `${conversation.data.title} with ${employee ?? 'your report'}` : '1:1');
  if (conversation.isLoading) return <Skeleton lines={6} label="Loading the conversation" />;
  if (conversation.isError) return <ErrorMessage error={conversation.error} retry={() => conversation.refetch()} />;
  return <ConversationDetail conversation={conversation.data!} />;
}

function ConversationDetail({ conversation }: { conversation: Conversation }) {
  const names = useUserNames();
  const navigate = useNavigate();
  const update = useUpdateConversation();
  const schedule = useScheduleConversation();
  const addAgenda = useAddAgendaItem(conversation.id);
  const canEdit = conversation.permissions.canEdit;
  const employee = names.get(conversation.employeeId) ?? 'Someone';
  const manager = names.get(conversation.managerId) ?? 'their manager';
  const when = new Date(conversation.heldAt ?? conversation.scheduledAt);

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small"><Link to="/conversations">1:1s</Link></nav>
      <div className="page-head">
        <div className="stack" style={{ gap: '0.3rem' }}>
          <h1>{conversation.title}: <bdi>{employee}</bdi> and <bdi>{manager}</bdi></h1>
          <p className="muted" style={{ margin: 0 }}>
            {conversation.state === 'held' ? 'Held' : conversation.state === 'cancelled' ? 'Cancelled, was planned for' : 'Scheduled for'} {when.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
            {' · '}<span className="badge badge--neutral">{conversation.state}</span>
            {conversation.previousId && <> · <Link to={`/conversations/${conversation.previousId}`}>previous 1:1</Link></>}
          </p>
        </div>
        {canEdit && (
          <div className="row">
            {conversation.state === 'scheduled' && (
              <button type="button" className="button" disabled={update.isPending}
                onClick={() => update.mutate({ id: conversation.id, version: conversation.version, changes: { state: 'held' } })}>
                Mark as held
              </button>
            )}
            {conversation.state === 'held' && (
              <button type="button" className="button" disabled={schedule.isPending}
                onClick={() => schedule.mutate(
                  { employeeId: conversation.employeeId, managerId: conversation.managerId, scheduledAt: twoWeeksAfter(conversation.heldAt ?? conversation.scheduledAt), title: conversation.title },
                  { onSuccess: (next) => navigate(`/conversations/${next.id}`) },
                )}>
                Schedule next (in two weeks)
              </button>
            )}
          </div>
        )}
      </div>
      {update.isError && <ErrorMessage error={update.error} />}
      {schedule.isError && <ErrorMessage error={schedule.error} />}
      {addAgenda.isError && <ErrorMessage error={addAgenda.error} />}

      <div className="conversation-grid">
        <PacketView conversationId={conversation.id} onDiscuss={canEdit ? (item) => addAgenda.mutate(item) : undefined} />
        <div className="stack">
          <Agenda conversation={conversation} />
          <Notes conversation={conversation} />
          <ActionItems conversation={conversation} />
        </div>
      </div>
    </div>
  );
}

function Agenda({ conversation }: { conversation: Conversation }) {
  const add = useAddAgendaItem(conversation.id);
  const toggle = useUpdateAgendaItem(conversation.id);
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    add.mutate({ text: text.trim() }, { onSuccess: () => setText('') });
  };
  return (
    <section className="card stack" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">Agenda</h2>
      {conversation.agenda.length === 0 ? <p className="muted">Nothing yet. Add a topic, or “Discuss” an objective under “What changed”.</p> : (
        <ul className="item-list">
          {conversation.agenda.map((item) => (
            <li key={item.id}>
              <label className="row" style={{ gap: '0.4rem', alignItems: 'flex-start', flexWrap: 'nowrap' }}>
                <input type="checkbox" checked={item.done} disabled={!conversation.permissions.canEdit}
                  onChange={(e) => toggle.mutate({ itemId: item.id, changes: { done: e.target.checked } })} />
                <span style={{ whiteSpace: 'pre-wrap' }}>{item.text}</span>
              </label>
              {item.objectiveId && <Link className="small" to={`/objectives/${item.objectiveId}`} style={{ marginLeft: '1.5rem' }}>the objective</Link>}
            </li>
          ))}
        </ul>
      )}
      {conversation.permissions.canEdit && (
        <form onSubmit={submit} className="row" style={{ alignItems: 'flex-end' }}>
          <TextField label="New topic" value={text} maxLength={500} onChange={(e) => setText(e.target.value)}
            error={add.error instanceof ApiError ? add.error.fieldError('text') : undefined} />
          <button type="submit" className="button button--secondary" disabled={add.isPending}>Add to agenda</button>
        </form>
      )}
    </section>
  );
}

type SaveState = 'idle' | 'saving' | 'saved' | 'conflict' | 'error';

/**
 * Shared and private notes, saved a second after typing stops. The shared notes go with the version last read: when the
 * other participant saved meanwhile, nothing is overwritten — both texts are shown and the person chooses.
 */
function Notes({ conversation }: { conversation: Conversation }) {
  const update = useUpdateConversation();
  const [shared, setShared] = useState(conversation.sharedNotes ?? '');
  const [mine, setMine] = useState(conversation.myPrivateNote ?? '');
  const [state, setState] = useState<{ shared: SaveState; mine: SaveState }>({ shared: 'idle', mine: 'idle' });
  // The version of the last read, for the next save (the conversation is read again after every save).
  const latest = useRef(conversation);
  useEffect(() => {
    latest.current = conversation;
  }, [conversation]);
  const dirty = useRef({ shared: false, mine: false });

  const save = (field: 'shared' | 'mine') => {
    const changes = field === 'shared' ? { sharedNotes: shared } : { myPrivateNote: mine };
    setState((s) => ({ ...s, [field]: 'saving' }));
    update.mutate({ id: conversation.id, version: latest.current.version, changes }, {
      onSuccess: () => { dirty.current[field] = false; setState((s) => ({ ...s, [field]: 'saved' })); },
      onError: (error) => setState((s) => ({ ...s, [field]: error instanceof ApiError && error.status === 412 ? 'conflict' : 'error' })),
    });
  };

  useEffect(() => {
    if (!dirty.current.shared) return;
    const timer = setTimeout(() => save('shared'), 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- saved on what was typed, with the version of the moment
  }, [shared]);
  useEffect(() => {
    if (!dirty.current.mine) return;
    const timer = setTimeout(() => save('mine'), 1000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
  }, [mine]);

  const words: Record<SaveState, string> = { idle: '', saving: 'Saving…', saved: 'Saved', conflict: '', error: 'Not saved: try again.' };
  const canEdit = conversation.permissions.canEdit;
  return (
    <section className="card stack" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Notes</h2>
      <div className="field">
        <label htmlFor="shared-notes" className="label">Shared notes <span className="muted small">(both of you see these)</span></label>
        <textarea id="shared-notes" className="notes" value={shared} readOnly={!canEdit} maxLength={20000}
          onChange={(e) => { dirty.current.shared = true; setShared(e.target.value); }} />
        <span className="small muted" role="status">{words[state.shared]}</span>
        {state.shared === 'conflict' && (
          <div className="alert alert--error stack" role="alert">
            <span>Someone else saved these notes while you were typing. Their version:</span>
            <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{conversation.sharedNotes ?? '(empty)'}</pre>
            <div className="row">
              <button type="button" className="button button--small" onClick={() => save('shared')}>Keep mine</button>
              <button type="button" className="button button--secondary button--small"
                onClick={() => { dirty.current.shared = false; setShared(conversation.sharedNotes ?? ''); setState((s) => ({ ...s, shared: 'idle' })); }}>
                Take theirs
              </button>
            </div>
          </div>
        )}
      </div>
      {conversation.myPrivateNote !== undefined && canEdit && (
        <div className="field">
          <label htmlFor="private-note" className="label">My private note <span className="muted small">(only you ever see this)</span></label>
          <textarea id="private-note" className="notes" value={mine} maxLength={20000} onChange={(e) => { dirty.current.mine = true; setMine(e.target.value); }} />
          <span className="small muted" role="status">{words[state.mine]}</span>
        </div>
      )}
    </section>
  );
}

function ActionItems({ conversation }: { conversation: Conversation }) {
  const names = useUserNames();
  const add = useAddActionItem(conversation.id);
  const [text, setText] = useState('');
  const [owner, setOwner] = useState(conversation.employeeId);
  const [due, setDue] = useState('');
  const canEdit = conversation.permissions.canEdit;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    add.mutate({ text: text.trim(), ownerId: owner, dueDate: due || null }, { onSuccess: () => { setText(''); setDue(''); } });
  };
  const error = add.error instanceof ApiError ? add.error : undefined;

  return (
    <section className="card stack" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Action items</h2>
      {conversation.carriedActionItems.length > 0 && (
        <div className="stack" style={{ gap: '0.25rem' }}>
          <h3 style={{ margin: 0 }}>Still open from earlier 1:1s</h3>
          <ItemList items={conversation.carriedActionItems} canEdit={canEdit} names={names} />
        </div>
      )}
      {conversation.carriedActionItems.length > 0 && <h3 style={{ margin: 0 }}>Agreed in this 1:1</h3>}
      {conversation.actionItems.length === 0 ? <p className="muted">None agreed in this 1:1 yet.</p> : <ItemList items={conversation.actionItems} canEdit={canEdit} names={names} />}
      {canEdit && (
        <form onSubmit={submit} className="stack">
          <TextField label="New action item" value={text} maxLength={500} onChange={(e) => setText(e.target.value)} error={error?.fieldError('text')} />
          <div className="row">
            <SelectField label="Who" value={owner} onChange={(e) => setOwner(e.target.value)} error={error?.fieldError('ownerId')}>
              <option value={conversation.employeeId}>{names.get(conversation.employeeId) ?? 'The person'}</option>
              <option value={conversation.managerId}>{names.get(conversation.managerId) ?? 'The manager'}</option>
            </SelectField>
            <TextField label="Due" type="date" value={due} onChange={(e) => setDue(e.target.value)} error={error?.fieldError('dueDate')} />
          </div>
          <button type="submit" className="button button--secondary" disabled={add.isPending}>Add action item</button>
        </form>
      )}
    </section>
  );
}

function ItemList({ items, canEdit, names }: { items: ActionItem[]; canEdit: boolean; names: Map<string, string> }) {
  const toggle = useUpdateActionItem();
  return (
    <ul className="item-list">
      {items.map((item) => (
        <li key={item.id}>
          <label className="row" style={{ gap: '0.4rem', alignItems: 'flex-start', flexWrap: 'nowrap' }}>
            <input type="checkbox" checked={item.done} disabled={!canEdit} onChange={(e) => toggle.mutate({ item, changes: { done: e.target.checked } })} />
            <span>
              <span style={{ whiteSpace: 'pre-wrap' }}>{item.text}</span>
              <span className="small muted"> · <bdi>{names.get(item.ownerId) ?? 'Someone'}</bdi>{item.dueDate && ` · due ${item.dueDate}`}</span>
            </span>
          </label>
        </li>
      ))}
    </ul>
  );
}
