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

/**
 * How a person is named in a picker: their name, and — when someone else has the same name — their email too, so two
 * Alex Kims can be told apart ("Alex Kim (alex.kim@…)"). Without an email to show, the names stay as they are.
 */
export function pickerLabels(people: { id: string; displayName: string; email?: string | null }[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const person of people) counts.set(person.displayName.toLocaleLowerCase(), (counts.get(person.displayName.toLocaleLowerCase()) ?? 0) + 1);
  return new Map(people.map((person) => [
    person.id,
    (counts.get(person.displayName.toLocaleLowerCase()) ?? 0) > 1 && person.email ? `${person.displayName} (${person.email})` : person.displayName,
  ]));
}

/** Everyone, named for pickers (see {@link pickerLabels}). */
export function usePickerLabels() {
  const { data } = useUsers();
  return useMemo(() => pickerLabels(data?.items ?? []), [data]);
}

export const getUserQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['users', 'one', id], queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id } } })), enabled: id !== '' });

/** One person with their teams and manager. */
export const useUser = (id: string) => useQuery(getUserQueryOptions(id));
