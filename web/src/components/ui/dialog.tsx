import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  onClose?: () => void;
  /** Where focus goes when the element that opened the dialog is gone by the time it closes (default: the page's main content). */
  fallbackFocus?: () => HTMLElement | null;
  children: ReactNode;
}

/** A modal on the native <dialog>: focus moves in and is trapped, Escape closes, focus returns afterwards. */
export function Dialog({ open, title, onClose, fallbackFocus, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  // Where focus was when the dialog opened: it goes back there when the dialog closes or is taken away (a dialog that is
  // unmounted while open returns focus to nothing, and keyboard users would start again at the top of the page).
  const opener = useRef<HTMLElement | null>(null);
  const fallback = useRef(fallbackFocus);
  useEffect(() => {
    fallback.current = fallbackFocus;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus(opener, fallback.current);
    }
  }, [open]);

  useEffect(() => () => restoreFocus(opener, fallback.current), []);

  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      onCancel={(event) => {
        if (!onClose) event.preventDefault();
        else onClose();
      }}
    >
      {open && (
        <div className="dialog__body">
          <h2 id="dialog-title">{title}</h2>
          {children}
        </div>
      )}
    </dialog>
  );
}

function restoreFocus(opener: { current: HTMLElement | null }, fallback?: () => HTMLElement | null) {
  const element = opener.current;
  opener.current = null;
  // After the current render, so that the element is still (or again) in the page when it is focused.
  // When the opener is gone (a due check-in leaves its list once done), the page's main content takes focus instead
  // of nothing, so keyboard and screen-reader users carry on from the content, not from the top of the document.
  if (element) queueMicrotask(() => (element.isConnected ? element : fallback?.() ?? document.getElementById('main'))?.focus({ preventScroll: !element.isConnected }));
}
