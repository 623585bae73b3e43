import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, etag, unwrap, type Schemas } from '@/lib/api-client';

export type Objective = Schemas['Objective'];
export type KeyResult = Schemas['KeyResult'];
export type ObjectiveFilters = { periodId?: string; teamId?: string; ownerId?: string; parentId?: string; q?: string; keyResultOwnerId?: string };

export const getObjectivesQueryOptions = (filters: ObjectiveFilters) =>
  queryOptions({
    queryKey: ['objectives', 'list', filters],
    queryFn: () => unwrap(api.GET('/api/v1/objectives', { params: { query: { ...filters, pageSize: 200 } } })),
    enabled: filters.periodId !== undefined,
  });

export const useObjectives = (filters: ObjectiveFilters) => useQuery(getObjectivesQueryOptions(filters));

export const getObjectiveQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['objectives', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/objectives/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });

export const useObjective = (id: string) => useQuery(getObjectiveQueryOptions(id));

/** Objectives, key results and the tree all change together: refresh every view of them. */
export function useInvalidateOkrs() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['objectives'] }), client.invalidateQueries({ queryKey: ['alignment'] })]);
}

export function useCreateObjective() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Objective saved' },
    mutationFn: (body: Schemas['CreateObjectiveCommand']) => unwrap(api.POST('/api/v1/objectives', { body })),
    onSuccess: invalidate,
  });
}

const stateSaved: Record<string, string> = { closed: 'Objective closed and scored', archived: 'Objective archived', active: 'Objective is active', draft: 'Objective restored as a draft' };

export function useUpdateObjective() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: (variables) => stateSaved[(variables as { changes: { state?: string } }).changes.state ?? ''] ?? 'Objective saved' },
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdateObjectiveRequest'] }) =>
      unwrap(api.PATCH('/api/v1/objectives/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: invalidate,
  });
}

export function useDeleteObjective() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Objective deleted' },
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/objectives/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

export function useAddKeyResult() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Key result added' },
    mutationFn: ({ objectiveId, body }: { objectiveId: string; body: Schemas['CreateKeyResultRequest'] }) =>
      unwrap(api.POST('/api/v1/objectives/{id}/key-results', { params: { path: { id: objectiveId } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpdateKeyResult() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Key result saved' },
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdateKeyResultRequest'] }) =>
      unwrap(api.PATCH('/api/v1/key-results/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: invalidate,
  });
}

export function useDeleteKeyResult() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Key result deleted' },
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/key-results/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}
