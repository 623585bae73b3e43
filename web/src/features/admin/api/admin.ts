import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, etag, unwrap, type Schemas } from '@/lib/api-client';

function useRefresh(key: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [key] });
}

export function useCreatePeriod() {
  const refresh = useRefresh('periods');
  return useMutation({ mutationFn: (body: Schemas['CreatePeriodCommand']) => unwrap(api.POST('/api/v1/periods', { body })), onSuccess: refresh });
}

export function useUpdatePeriod() {
  const refresh = useRefresh('periods');
  return useMutation({
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdatePeriodRequest'] }) =>
      unwrap(api.PATCH('/api/v1/periods/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: refresh,
  });
}

export function useCreateTeam() {
  const refresh = useRefresh('teams');
  return useMutation({ mutationFn: (body: Schemas['CreateTeamCommand']) => unwrap(api.POST('/api/v1/teams', { body })), onSuccess: refresh });
}

export function useArchiveTeam() {
  const refresh = useRefresh('teams');
  return useMutation({ mutationFn: (id: string) => unwrap(api.POST('/api/v1/teams/{id}/archive', { params: { path: { id } } })), onSuccess: refresh });
}

export function useCreateUser() {
  const refresh = useRefresh('users');
  return useMutation({ mutationFn: (body: Schemas['CreateUserCommand']) => unwrap(api.POST('/api/v1/users', { body })), onSuccess: refresh });
}
