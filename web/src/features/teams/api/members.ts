import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

/** A team's member as the team page lists them. */
export interface TeamMember {
  userId: string;
  displayName: string;
  role: 'lead' | 'member';
}

/**
 * A team's members, leads first then by name: the paged people list filtered by team (GET /teams/{id}/members, unpaged,
 * is deprecated). One page of 500, the most the API answers, as the app's other people lists.
 */
export const getTeamMembersQueryOptions = (teamId: string) =>
  queryOptions({
    queryKey: ['teams', 'members', teamId],
    queryFn: async (): Promise<TeamMember[]> => {
      const page = await unwrap(api.GET('/api/v1/users', { params: { query: { teamId, pageSize: 500 } } }));
      return page.items
        .flatMap((user) => user.memberships.filter((m) => m.teamId === teamId).map((m) => ({ userId: user.id, displayName: user.displayName, role: m.role })))
        .sort((a, b) => (a.role === b.role ? a.displayName.localeCompare(b.displayName) : a.role === 'lead' ? -1 : 1));
    },
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
