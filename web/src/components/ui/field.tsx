import { useEffect, useId, useRef, useState, type ChangeEvent, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
}

/**
 * A refusal stays next to its field until the person changes the field, then goes: the fix is theirs to judge, and a
 * red message under a corrected value reads as if it were still wrong. The next refusal (a new submit clears the
 * error first) shows again.
 */
function useShownError<E extends HTMLElement>(error: string | undefined, onChange?: (event: ChangeEvent<E>) => void) {
  const [dismissed, setDismissed] = useState<string>();
  const [previous, setPrevious] = useState(error);
  if (error !== previous) {
    setPrevious(error);
    setDismissed(undefined);
  }
  const shown = error !== undefined && error !== dismissed ? error : undefined;
  const handleChange = (event: ChangeEvent<E>) => {
    if (error) setDismissed(error);
    onChange?.(event);
  };
  return { shown, handleChange };
}

function useFieldIds(error?: string, hint?: ReactNode) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return { id, describedBy };
}

function Messages({ id, error, hint }: { id: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint && <span id={`${id}-hint`} className="field__hint">{hint}</span>}
      {error && <span id={`${id}-error`} className="field__error">{error}</span>}
    </>
  );
}

export function TextField({ label, error, hint, onChange, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const { shown, handleChange } = useShownError(error, onChange);
  const { id, describedBy } = useFieldIds(shown, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={shown ? true : undefined} aria-describedby={describedBy} {...input} onChange={handleChange} />
      <Messages id={id} error={shown} hint={hint} />
    </div>
  );
}

export function TextAreaField({ label, error, hint, onChange, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const { shown, handleChange } = useShownError(error, onChange);
  const { id, describedBy } = useFieldIds(shown, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={shown ? true : undefined} aria-describedby={describedBy} {...input} onChange={handleChange} />
      <Messages id={id} error={shown} hint={hint} />
    </div>
  );
}

export function SelectField({ label, error, hint, children, onChange, ...select }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  const { shown, handleChange } = useShownError(error, onChange);
  const { id, describedBy } = useFieldIds(shown, hint);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={shown ? true : undefined} aria-describedby={describedBy} {...select} onChange={handleChange}>
        {children}
      </select>
      <Messages id={id} error={shown} hint={hint} />
    </div>
  );
}

/**
 * After a refused submit, focus goes to the first field marked invalid, or else to the form's own alert, and it is
 * scrolled into view: the person lands where the fix is, not on a button under an error they cannot see.
 * Call with the mutation's error; the container is the form.
 */
export function focusFirstError(container: HTMLElement | null) {
  if (!container) return;
  requestAnimationFrame(() => {
    const target = container.querySelector<HTMLElement>('[aria-invalid="true"]') ?? container.querySelector<HTMLElement>('[role="alert"]');
    if (!target) return;
    if (target.getAttribute('role') === 'alert' && !target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    target.scrollIntoView?.({ block: 'center' });
  });
}

/** A ref for a form that moves focus to its first error each time `error` becomes a new refusal. */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>(error: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (error) focusFirstError(ref.current);
  }, [error]);
  return ref;
}
