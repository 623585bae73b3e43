import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, etag, unwrap, type Schemas } from '@/lib/api-client';

export const getApiClientsQueryOptions = () =>
  queryOptions({ queryKey: ['api-clients'], queryFn: () => unwrap(api.GET('/api/v1/api-clients', { params: { query: { pageSize: 500 } } })) });

export const useApiClients = () => useQuery(getApiClientsQueryOptions());

function useRefresh(key: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: [key] });
}

export function useCreatePeriod() {
  const refresh = useRefresh('periods');
  return useMutation({ meta: { saved: 'Period created' }, mutationFn: (body: Schemas['CreatePeriodCommand']) => unwrap(api.POST('/api/v1/periods', { body })), onSuccess: refresh });
}

export function useUpdatePeriod() {
  const refresh = useRefresh('periods');
  return useMutation({ meta: { saved: 'Period updated' },
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdatePeriodRequest'] }) =>
      unwrap(api.PATCH('/api/v1/periods/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: refresh,
  });
}

export function useCreateTeam() {
  const refresh = useRefresh('teams');
  return useMutation({ meta: { saved: 'Team created' }, mutationFn: (body: Schemas['CreateTeamCommand']) => unwrap(api.POST('/api/v1/teams', { body })), onSuccess: refresh });
}

export function useArchiveTeam() {
  const refresh = useRefresh('teams');
  return useMutation({ meta: { saved: 'Team archived' }, mutationFn: (id: string) => unwrap(api.POST('/api/v1/teams/{id}/archive', { params: { path: { id } } })), onSuccess: refresh });
}

export function useCreateApiClient() {
  const refresh = useRefresh('api-clients');
  return useMutation({ meta: { saved: 'API client created' }, mutationFn: (body: Schemas['CreateApiClientCommand']) => unwrap(api.POST('/api/v1/api-clients', { body })), onSuccess: refresh });
}

export function useRevokeApiClient() {
  const refresh = useRefresh('api-clients');
  return useMutation({ meta: { saved: 'API client revoked' }, mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/api-clients/{id}', { params: { path: { id } } })), onSuccess: refresh });
}

export function useUpdateUser() {
  const refresh = useRefresh('users');
  return useMutation({ meta: { saved: 'Person saved' },
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdateUserRequest'] }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: refresh,
  });
}

export function useSetUserActive() {
  const refresh = useRefresh('users');
  return useMutation({ meta: { saved: 'Person saved' },
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      unwrap(active ? api.POST('/api/v1/users/{id}/activate', { params: { path: { id } } }) : api.POST('/api/v1/users/{id}/deactivate', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

export function useCreateUser() {
  const refresh = useRefresh('users');
  return useMutation({ meta: { saved: 'Person added' }, mutationFn: (body: Schemas['CreateUserCommand']) => unwrap(api.POST('/api/v1/users', { body })), onSuccess: refresh });
}

export const useInvitations = () =>
  useQuery({ queryKey: ['users', 'invitations'], queryFn: () => unwrap(api.GET('/api/v1/invitations')) });

export function useInvite() {
  const refresh = useRefresh('users');
  return useMutation({ meta: { saved: 'Invitation created' }, mutationFn: (body: Schemas['CreateInvitationCommand']) => unwrap(api.POST('/api/v1/invitations', { body })), onSuccess: refresh });
}

export function useResendInvitation() {
  const refresh = useRefresh('users');
  return useMutation({ meta: { saved: 'Invitation sent again' },
    mutationFn: (userId: string) => unwrap(api.POST('/api/v1/invitations/{id}/resend', { params: { path: { id: userId } } })),
    onSuccess: refresh,
  });
}

export function useRevokeInvitation() {
  const refresh = useRefresh('users');
  return useMutation({ meta: { saved: 'Invitation revoked' },
    mutationFn: (userId: string) => unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id: userId } } })),
    onSuccess: refresh,
  });
}

export function useSendPasswordReset() {
  return useMutation({ meta: { saved: 'Reset link created' }, mutationFn: (id: string) => unwrap(api.POST('/api/v1/users/{id}/password-reset', { params: { path: { id } } })) });
}
