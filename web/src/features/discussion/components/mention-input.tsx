import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface Person {
  id: string;
  displayName: string;
}

interface Props {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** The people picked from the list so far (kept only while their "@Name" stays in the text: see {@link mentionsIn}). */
  mentions: string[];
  onMentionsChange: (ids: string[]) => void;
  people: Person[];
  error?: string;
  onSubmit?: () => void;
  /** Takes the focus when it appears (editing a comment). */
  autoFocus?: boolean;
  /** The text box, for whoever needs to put the focus back in it. */
  boxRef?: RefObject<HTMLTextAreaElement | null>;
}

/** The "@…" being typed just before the caret, if any: what the list filters by. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const match = /(^|\s)@([^\s@]{0,40})$/.exec(text.slice(0, caret));
  return match ? { start: caret - match[2]!.length - 1, query: match[2]! } : null;
}

/** Who "@query" means: people with a word of their name starting with it (so "@to" finds Tom, not Administrator), at most 6. */
export function matchPeople(people: Person[], query: string): Person[] {
  const q = query.toLocaleLowerCase();
  return people.filter((p) => p.displayName.toLocaleLowerCase().split(/\s+/).some((word) => word.startsWith(q))).slice(0, 6);
}

/** The picked people whose "@Display Name" is still in the text: deleting the name un-mentions them. */
export function mentionsIn(text: string, ids: string[], people: Person[]): string[] {
  return ids.filter((id, i) => ids.indexOf(id) === i && text.includes(`@${people.find((p) => p.id === id)?.displayName ?? '\u0000'}`));
}

/**
 * A plain-text box where "@" offers people to mention: type to filter, arrow keys to choose, Enter to pick, Escape
 * (or Tab, which moves on as usual) to close. The list and the highlighted person are announced (aria-activedescendant
 * and a polite live region), so it works by keyboard and with a screen reader; Ctrl+Enter sends.
 */
export function MentionInput({ label, value, onChange, mentions, onMentionsChange, people, error, onSubmit, autoFocus, boxRef }: Props) {
  const id = useId();
  const ownBox = useRef<HTMLTextAreaElement>(null);
  const box = boxRef ?? ownBox;
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  // Where the caret goes once a picked name is in the text (after the name), applied as soon as the text renders.
  const caretAfterPick = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caretAfterPick.current === null) return;
    box.current?.setSelectionRange(caretAfterPick.current, caretAfterPick.current);
    caretAfterPick.current = null;
  }, [value, box]);
  const matches = query ? matchPeople(people, query.query) : [];
  const open = query !== null && matches.length > 0;

  const pick = (person: Person) => {
    if (!query) return;
    const caret = box.current?.selectionStart ?? value.length;
    const inserted = `@${person.displayName} `;
    const next = value.slice(0, query.start) + inserted + value.slice(caret);
    onChange(next);
    onMentionsChange([...mentions.filter((m) => m !== person.id), person.id]);
    setQuery(null);
    caretAfterPick.current = query.start + inserted.length;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit?.();
      return;
    }
    if (!open) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => (a + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(matches[Math.min(active, matches.length - 1)]!);
    } else if (event.key === 'Tab') {
      setQuery(null);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setQuery(null);
    }
  };

  return (
    <div className="field mention-input">
      <label htmlFor={`${id}-text`}>{label}</label>
      <textarea
        ref={box}
        id={`${id}-text`}
        value={value}
        maxLength={10_000}
        autoFocus={autoFocus}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-autocomplete="list"
        aria-controls={`${id}-list`}
        aria-activedescendant={open ? `${id}-option-${Math.min(active, matches.length - 1)}` : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          setQuery(mentionQuery(event.target.value, event.target.selectionStart));
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setQuery(null), 150)}
      />
      <span id={`${id}-hint`} className="field__hint">Type @ to mention someone; they are told. Ctrl+Enter sends.</span>
      {error && <span id={`${id}-error`} className="field__error">{error}</span>}
      <ul id={`${id}-list`} role="listbox" aria-label="People to mention" className="mention-input__list" hidden={!open}>
        {matches.map((person, i) => (
          <li
            key={person.id}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={i === Math.min(active, matches.length - 1)}
            onMouseDown={(event) => {
              event.preventDefault();
              pick(person);
            }}
          >
            {person.displayName}
          </li>
        ))}
      </ul>
      <span className="visually-hidden" aria-live="polite">{open ? `${matches[Math.min(active, matches.length - 1)]!.displayName}, ${Math.min(active, matches.length - 1) + 1} of ${matches.length}: arrow keys to choose, Enter to mention.` : ''}</span>
    </div>
  );
}
