import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

const pageSize = 20;

/** The objective's change history (its own edits, its key results', their check-ins), newest first, a page at a time. */
export const useObjectiveHistory = (objectiveId: string) =>
  useInfiniteQuery({
    queryKey: ['objectives', 'history', objectiveId],
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/objectives/{id}/history', { params: { path: { id: objectiveId }, query: { page: pageParam, pageSize } } })),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.pageSize < last.totalCount ? last.page + 1 : undefined),
  });
