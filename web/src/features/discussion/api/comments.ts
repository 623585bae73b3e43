import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, etag, unwrap, type Schemas } from '@/lib/api-client';

export type ThreadEntry = Schemas['ThreadEntry'];

/** Where a thread lives: an objective's own, or a key result's (its comments and check-ins). */
export type ThreadOf = { objectiveId: string } | { keyResultId: string };

const key = (of: ThreadOf) => ['comments', 'objectiveId' in of ? of.objectiveId : of.keyResultId];

const pageSize = 500;

const readPage = (of: ThreadOf, page: number) =>
  'objectiveId' in of
    ? unwrap(api.GET('/api/v1/objectives/{id}/comments', { params: { path: { id: of.objectiveId }, query: { page, pageSize } } }))
    : unwrap(api.GET('/api/v1/key-results/{id}/comments', { params: { path: { id: of.keyResultId }, query: { page, pageSize } } }));

/**
 * A thread, oldest first; polled while open so a conversation reads live. A thread longer than a page shows its latest
 * page (the newest entries, still oldest first), so what was just said is always there.
 */
export const useThread = (of: ThreadOf) =>
  useQuery({
    queryKey: key(of),
    queryFn: async () => {
      const first = await readPage(of, 1);
      return first.totalCount <= pageSize ? first : readPage(of, Math.ceil(first.totalCount / pageSize));
    },
    refetchInterval: 15_000,
  });

export function useAddComment(of: ThreadOf) {
  const client = useQueryClient();
  return useMutation({
    meta: { saved: 'Comment posted' },
    mutationFn: (body: Schemas['CreateCommentRequest']) =>
      'objectiveId' in of
        ? unwrap(api.POST('/api/v1/objectives/{id}/comments', { params: { path: { id: of.objectiveId } }, body }))
        : unwrap(api.POST('/api/v1/key-results/{id}/comments', { params: { path: { id: of.keyResultId } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: key(of) }),
  });
}

export function useEditComment(of: ThreadOf) {
  const client = useQueryClient();
  return useMutation({
    meta: { saved: 'Comment saved' },
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdateCommentRequest'] }) =>
      unwrap(api.PATCH('/api/v1/comments/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: () => client.invalidateQueries({ queryKey: key(of) }),
  });
}

export function useDeleteComment(of: ThreadOf) {
  const client = useQueryClient();
  return useMutation({
    meta: { saved: 'Comment deleted' },
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/comments/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: key(of) }),
  });
}
