import { queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '@/lib/api-client';

export const getMeQueryOptions = () =>
  queryOptions({ queryKey: ['users', 'me'], queryFn: () => unwrap(api.GET('/api/v1/users/me')), staleTime: 5 * 60_000 });

export const useMe = () => useQuery(getMeQueryOptions());

/** Everyone (organisations have hundreds of people, not millions), to show names and offer owners. */
export const getUsersQueryOptions = () =>
  queryOptions({
    queryKey: ['users', 'all'],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { pageSize: 500 } } })),
    staleTime: 5 * 60_000,
  });

export function useUsers() {
  return useQuery(getUsersQueryOptions());
}

/** id → display name, for labels. */
export function useUserNames() {
  const { data } = useUsers();
  return useMemo(() => new Map((data?.items ?? []).map((user) => [user.id, user.displayName])), [data]);
}
