import { useEffect } from 'react';

/** Names the page in the browser tab and for screen readers. */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Okr` : 'Okr';
  }, [title]);
}
