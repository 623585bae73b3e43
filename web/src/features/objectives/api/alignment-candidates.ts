import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type AlignmentCandidate = Schemas['AlignmentCandidate'];

/** Whose parent is being chosen: an existing objective (by id), or a new one of a team (and an owner, for an individual objective). */
export type CandidateFor = { objectiveId: string } | { periodId: string; teamId: string; ownerId: string | null };

/** The objectives the API says this one may align to (the rules live in the API), searched by title on the server. */
export const getAlignmentCandidatesQueryOptions = (target: CandidateFor | undefined, q: string) =>
  queryOptions({
    queryKey: ['objectives', 'alignment-candidates', target ?? null, q],
    queryFn: () => {
      const search = q.trim() || undefined;
      if (target && 'objectiveId' in target) {
        return unwrap(api.GET('/api/v1/objectives/{id}/alignment-candidates', { params: { path: { id: target.objectiveId }, query: { q: search, pageSize: 50 } } }));
      }
      return unwrap(api.GET('/api/v1/alignment-candidates', {
        params: { query: { periodId: target!.periodId, teamId: target!.teamId, ownerId: target!.ownerId ?? undefined, q: search, pageSize: 50 } },
      }));
    },
    enabled: target !== undefined,
    // While a new search loads, the last results stay; after the team or owner changed they do not (they may not fit).
    placeholderData: (previous, previousQuery) =>
      previousQuery && JSON.stringify(previousQuery.queryKey[2]) === JSON.stringify(target ?? null) ? previous : undefined,
  });

export const useAlignmentCandidates = (target: CandidateFor | undefined, q: string) => useQuery(getAlignmentCandidatesQueryOptions(target, q));
