import type { ReactNode } from 'react';
import { ApiError } from '@/lib/api-client';
import { humanise } from '@/lib/messages';

export function Skeleton({ lines = 3, label = 'Loading' }: { lines?: number; label?: string }) {
  return (
    <div className="stack" role="status" aria-live="polite">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" style={{ width: `${90 - i * 12}%` }} aria-hidden="true" />
      ))}
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="card empty">
      <h2>{title}</h2>
      {children && <p className="muted">{children}</p>}
      {action}
    </div>
  );
}

/** Says what went wrong in words, and offers to try again when that may help. */
export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = describeError(error);
  return (
    <div className="alert alert--error" role="alert">
      <p style={{ margin: 0 }}>{message}</p>
      {retry && (
        <button type="button" className="button button--secondary button--small" style={{ marginTop: '0.5rem' }} onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.status) {
      case 0:
        return 'Okr cannot be reached. Check your connection and try again.';
      case 403:
        return `You are not allowed to do that. ${humanise(error.problem.detail ?? '')}`.trim();
      case 404:
        return 'This was not found. It may have been deleted.';
      case 412:
        return 'Someone else changed this while you were editing. Reload to see their change, then apply yours again.';
      default:
        return humanise(error.problem.detail ?? error.problem.title ?? 'Something went wrong.');
    }
  }
  return 'Something went wrong. Please try again.';
}
