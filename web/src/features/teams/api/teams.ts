import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '@/lib/api-client';

export const getTeamsQueryOptions = (includeArchived = false) =>
  queryOptions({
    queryKey: ['teams', { includeArchived }],
    queryFn: () => unwrap(api.GET('/api/v1/teams', { params: { query: { pageSize: 500, includeArchived } } })),
    staleTime: 5 * 60_000,
  });

export const useTeams = (includeArchived = false) => useQuery(getTeamsQueryOptions(includeArchived));

export function useTeamNames() {
  const { data } = useTeams(true);
  return useMemo(() => new Map((data?.items ?? []).map((team) => [team.id, team.name])), [data]);
}
