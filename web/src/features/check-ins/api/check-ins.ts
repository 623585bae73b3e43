import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

type Objective = Schemas['Objective'];

export const getCheckInsQueryOptions = (keyResultId: string) =>
  queryOptions({
    queryKey: ['objectives', 'check-ins', keyResultId],
    queryFn: () => unwrap(api.GET('/api/v1/key-results/{id}/check-ins', { params: { path: { id: keyResultId }, query: { pageSize: 500 } } })),
  });

export const useCheckIns = (keyResultId: string) => useQuery(getCheckInsQueryOptions(keyResultId));

/** Changes of direction, baseline or target: each moved progress without a measurement, so the history shows them. */
export const getRescopesQueryOptions = (keyResultId: string) =>
  queryOptions({
    queryKey: ['objectives', 'rescopes', keyResultId],
    queryFn: () => unwrap(api.GET('/api/v1/key-results/{id}/rescopes', { params: { path: { id: keyResultId } } })),
  });

export const useRescopes = (keyResultId: string) => useQuery(getRescopesQueryOptions(keyResultId));

/** A re-scope in words: "target 10 → 20, baseline 0 → 5". */
export function describeRescope({ before, after }: Pick<Schemas['Rescope'], 'before' | 'after'>): string {
  const parts: string[] = [];
  if (before.type !== after.type) parts.push(`type ${before.type} → ${after.type}`);
  if (before.direction !== after.direction) parts.push(`direction ${before.direction.replace('_', ' ')} → ${after.direction.replace('_', ' ')}`);
  if (before.baseline !== after.baseline) parts.push(`baseline ${before.baseline} → ${after.baseline}`);
  if (before.target !== after.target) parts.push(`target ${before.target} → ${after.target}`);
  return parts.join(', ');
}

/** Progress of a key result at a value, as the API computes it (for the optimistic update only). */
export function progressAt(kr: Schemas['KeyResult'], value: number): number {
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  if (kr.type === 'milestone') return value >= 1 ? 1 : 0;
  switch (kr.direction) {
    case 'increase':
      return kr.target === kr.baseline ? (value >= kr.target ? 1 : 0) : clamp((value - kr.baseline) / (kr.target - kr.baseline));
    case 'decrease':
      return kr.target === kr.baseline ? (value <= kr.target ? 1 : 0) : clamp((kr.baseline - value) / (kr.baseline - kr.target));
    case 'stay_above':
      return value >= kr.target ? 1 : 0;
    case 'stay_below':
      return value <= kr.target ? 1 : 0;
  }
}

/**
 * Records a check-in. The objective on screen moves at once (optimistic update); if the API refuses, it moves
 * back and the error is shown; either way the server's numbers replace the guess.
 */
export function useRecordCheckIn(objectiveId: string) {
  const client = useQueryClient();
  const key = ['objectives', 'one', objectiveId];
  return useMutation({ meta: { saved: 'Check-in saved' },
    mutationFn: ({ keyResultId, body }: { keyResultId: string; body: Schemas['RecordCheckInRequest'] }) =>
      unwrap(api.POST('/api/v1/key-results/{id}/check-ins', { params: { path: { id: keyResultId } }, body })),
    onMutate: async ({ keyResultId, body }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Objective>(key);
      // A catch-up for an earlier day may not be the latest value: only today's check-in is shown before the API answers.
      if (before && !body.measuredAt) {
        const keyResults = before.keyResults.map((kr) =>
          kr.id === keyResultId
            ? { ...kr, currentValue: body.value, progress: progressAt(kr, body.value), confidence: body.confidence ?? 5, lastCheckInAt: new Date().toISOString(), lastCheckInNote: body.note?.trim() || null, stale: false }
            : kr,
        );
        const weights = keyResults.reduce((sum, kr) => sum + kr.weight, 0);
        // Only an objective measured by its key results alone can be worked out here; a blended one waits for the API.
        const progress = weights && before.progressFrom === 'key_results' ? keyResults.reduce((sum, kr) => sum + kr.progress * kr.weight, 0) / weights : before.progress;
        client.setQueryData<Objective>(key, { ...before, keyResults, progress });
      }
      return { before };
    },
    onError: (_error, _variables, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSettled: () =>
      Promise.all([client.invalidateQueries({ queryKey: ['objectives'] }), client.invalidateQueries({ queryKey: ['alignment'] })]),
  });
}
