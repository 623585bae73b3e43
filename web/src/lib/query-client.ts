import { MutationCache, QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { ApiError } from './api-client';

declare module '@tanstack/react-query' {
  interface Register {
    /** `saved`: the words a person sees once the write succeeded ("Objective saved"), in one place for every form. */
    mutationMeta: { saved?: string | ((variables: unknown) => string) };
  }
}

export function createQueryClient() {
  return new QueryClient({
    // Every successful write says so; refusals are shown where they happen (next to the field or in the form).
    mutationCache: new MutationCache({
      onSuccess: (_data, _variables, _context, mutation) => {
        const saved = mutation.meta?.saved;
        if (saved) toast.success(typeof saved === 'function' ? saved(_variables) : saved);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // Client errors will not fix themselves; retry only what may be passing trouble.
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}
