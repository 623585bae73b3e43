import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useUserNames, useUsers } from '@/features/users';
import { ApiError } from '@/lib/api-client';
import { formatDate, relativeDay } from '@/lib/dates';
import { useAddComment, useDeleteComment, useEditComment, useThread, type ThreadEntry, type ThreadOf } from '../api/comments';
import { MentionInput, mentionsIn } from './mention-input';

/** The text with each mention shown as the person's name, linking to them; everything else stays plain text. */
export function CommentText({ text, mentions }: { text: string; mentions: ThreadEntry['mentions'] }) {
  const names = [...mentions].sort((a, b) => b.displayName.length - a.displayName.length);
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest.length > 0) {
    const next = names
      .map((m) => ({ m, at: rest.indexOf(`@${m.displayName}`) }))
      .filter((x) => x.at >= 0)
      .sort((a, b) => a.at - b.at)[0];
    if (!next) {
      parts.push(rest);
      break;
    }
    if (next.at > 0) parts.push(rest.slice(0, next.at));
    parts.push(<Link key={key++} className="mention" to={`/people/${next.m.id}`}>@{next.m.displayName}</Link>);
    rest = rest.slice(next.at + next.m.displayName.length + 1);
  }
  return <p className="comment__text">{parts}</p>;
}

/**
 * A discussion: an objective's comments, or a key result's comments and check-ins in one story, oldest first, with a
 * box to add to it. Mentions are picked from the people in the organisation; the API refuses people who may not read
 * a draft, and the refusal shows in words.
 */
export function CommentThread({ of, label, canComment }: { of: ThreadOf; label: string; canComment: boolean }) {
  const thread = useThread(of);
  const users = useUsers();
  const names = useUserNames();
  const add = useAddComment(of);
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const composer = useRef<HTMLTextAreaElement>(null);
  const people = (users.data?.items ?? []).filter((u) => u.active).map((u) => ({ id: u.id, displayName: u.displayName }));
  const error = add.error instanceof ApiError ? add.error.fieldError('text') ?? add.error.fieldError('mentions') ?? mentionError(add.error) : undefined;

  const send = () => {
    if (text.trim() === '' || add.isPending) return;
    add.mutate({ text, mentions: mentionsIn(text, mentions, people) }, {
      onSuccess: () => {
        setText('');
        setMentions([]);
        composer.current?.focus();
      },
    });
  };

  if (thread.isLoading) return <Skeleton lines={2} label="Loading the discussion" />;
  if (thread.isError) return <ErrorMessage error={thread.error} retry={() => thread.refetch()} />;
  const entries = thread.data?.items ?? [];

  return (
    <div className="stack thread">
      {entries.length === 0 ? (
        <p className="muted small">No comments yet.{canComment ? ' Start the conversation: ask, explain a number, or mention someone with @.' : ''}</p>
      ) : (
        <>
        {(thread.data?.totalCount ?? 0) > entries.length && <p className="small muted" style={{ margin: 0 }}>Showing the latest {entries.length} of {thread.data!.totalCount}.</p>}
        <ol className="thread__entries" aria-label={label}>
          {entries.map((entry) => (
            <Entry key={entry.id} of={of} entry={entry} author={entry.authorId ? names.get(entry.authorId) ?? 'someone' : 'an integration'} people={people}
              onDeleted={() => composer.current?.focus()} />
          ))}
        </ol>
        </>
      )}
      {canComment && (
        <form className="stack" style={{ gap: '0.5rem' }} onSubmit={(event) => { event.preventDefault(); send(); }}>
          <MentionInput label="Add a comment" value={text} onChange={setText} mentions={mentions} onMentionsChange={setMentions} people={people} error={error} onSubmit={send}
            boxRef={composer} />
          {add.isError && !error && <ErrorMessage error={add.error} />}
          <div className="row">
            <button type="submit" className="button button--small" aria-disabled={add.isPending || text.trim() === ''}>{add.isPending ? 'Posting…' : 'Comment'}</button>
          </div>
        </form>
      )}
    </div>
  );
}

function mentionError(error: ApiError): string | undefined {
  const field = Object.keys(error.problem.errors ?? {}).find((f) => f.startsWith('mentions['));
  return field ? error.fieldError(field) : undefined;
}

function Entry({ of, entry, author, people, onDeleted }: {
  of: ThreadOf; entry: ThreadEntry; author: string; people: { id: string; displayName: string }[]; onDeleted: () => void;
}) {
  const [editing, setEditing] = useState(false);
  // Back from editing (saved or cancelled), the focus returns to the Edit button it started from.
  const editButton = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (!editing && returnFocus) editButton.current?.focus();
  }, [editing, returnFocus]);
  const stopEditing = () => {
    setEditing(false);
    setReturnFocus(true);
  };
  const [text, setText] = useState(entry.text ?? '');
  const [mentions, setMentions] = useState(entry.mentions.map((m) => m.id));
  const edit = useEditComment(of);
  const remove = useDeleteComment(of);

  if (entry.kind === 'check_in') {
    return (
      <li className="thread__entry thread__entry--check-in">
        <div className="kr__meta small">
          <strong><bdi>{author}</bdi></strong> checked in <strong>{entry.value}</strong> · confidence {entry.confidence}/10 ·{' '}
          <time dateTime={entry.createdAt} title={formatDate(entry.createdAt)}>{relativeDay(entry.createdAt)}</time>
        </div>
        {entry.text && <p className="comment__text">{entry.text}</p>}
      </li>
    );
  }

  return (
    <li className="thread__entry" id={`comment-${entry.id}`}>
      <div className="kr__meta small">
        <strong><bdi>{author}</bdi></strong> · <time dateTime={entry.createdAt} title={formatDate(entry.createdAt)}>{relativeDay(entry.createdAt)}</time>
        {entry.editedAt && <span title={formatDate(entry.editedAt)}> · edited</span>}
      </div>
      {editing ? (
        <form className="stack" style={{ gap: '0.5rem' }} onSubmit={(event) => {
          event.preventDefault();
          edit.mutate({ id: entry.id, version: entry.version!, changes: { text, mentions: mentionsIn(text, mentions, people) } }, { onSuccess: stopEditing });
        }}>
          <MentionInput label="Edit your comment" value={text} onChange={setText} mentions={mentions} onMentionsChange={setMentions} people={people} autoFocus
            error={edit.error instanceof ApiError ? edit.error.fieldError('text') : undefined} />
          {edit.isError && <ErrorMessage error={edit.error} />}
          <div className="row">
            <button type="submit" className="button button--small" disabled={edit.isPending}>Save</button>
            <button type="button" className="button button--secondary button--small" onClick={stopEditing}>Cancel</button>
          </div>
        </form>
      ) : (
        <CommentText text={entry.text ?? ''} mentions={entry.mentions} />
      )}
      {!editing && (entry.permissions.canEdit || entry.permissions.canDelete) && (
        <div className="row small">
          {entry.permissions.canEdit && <button ref={editButton} type="button" className="button button--secondary button--small" onClick={() => setEditing(true)}>Edit{' '}<span className="visually-hidden">your comment</span></button>}
          {entry.permissions.canDelete && (
            <button type="button" className="button button--secondary button--small" aria-disabled={remove.isPending}
              onClick={() => { if (window.confirm('Delete this comment?')) remove.mutate(entry.id, { onSuccess: onDeleted }); }}>
              Delete{' '}<span className="visually-hidden">comment by {author}</span>
            </button>
          )}
        </div>
      )}
      {remove.isError && <ErrorMessage error={remove.error} />}
    </li>
  );
}
