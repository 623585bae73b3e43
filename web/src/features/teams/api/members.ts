import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const getTeamMembersQueryOptions = (teamId: string) =>
  queryOptions({
    queryKey: ['teams', 'members', teamId],
    queryFn: () => unwrap(api.GET('/api/v1/teams/{id}/members', { params: { path: { id: teamId } } })),
  });

export const useTeamMembers = (teamId: string) => useQuery(getTeamMembersQueryOptions(teamId));

function useRefreshMembers() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['teams', 'members'] }), client.invalidateQueries({ queryKey: ['users'] })]);
}

export function useSetTeamMember(teamId: string) {
  const refresh = useRefreshMembers();
  return useMutation({ meta: { saved: 'Team saved' },
    mutationFn: ({ userId, role }: { userId: string; role: 'lead' | 'member' }) =>
      unwrap(api.PUT('/api/v1/teams/{id}/members/{userId}', { params: { path: { id: teamId, userId } }, body: { role } })),
    onSuccess: refresh,
  });
}

export function useRemoveTeamMember(teamId: string) {
  const refresh = useRefreshMembers();
  return useMutation({ meta: { saved: 'Removed from the team' },
    mutationFn: (userId: string) => unwrap(api.DELETE('/api/v1/teams/{id}/members/{userId}', { params: { path: { id: teamId, userId } } })),
    onSuccess: refresh,
  });
}
