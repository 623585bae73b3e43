import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useInvalidateOkrs } from '@/features/objectives';
import { api, etag, unwrap, type Schemas } from '@/lib/api-client';

export type DueCheckIn = Schemas['DueCheckIn'];
export type PeriodReview = Schemas['PeriodReview'];
export type ReviewItem = Schemas['PeriodReviewItem'];

// Under ['objectives', …]: every check-in, edit and closing already refreshes these with the objectives.
export const getDueCheckInsQueryOptions = (teamId?: string) =>
  queryOptions({
    queryKey: ['objectives', 'due', teamId ?? 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/due-check-ins', { params: { query: { teamId, pageSize: 100 } } })),
  });

export const useDueCheckIns = (teamId?: string, enabled = true) => useQuery({ ...getDueCheckInsQueryOptions(teamId), enabled });

export const getPeriodReviewQueryOptions = (periodId: string, page: number) =>
  queryOptions({
    queryKey: ['objectives', 'review', periodId, page],
    queryFn: () => unwrap(api.GET('/api/v1/periods/{id}/review', { params: { path: { id: periodId }, query: { page, pageSize: 100 } } })),
    enabled: periodId !== '',
    placeholderData: keepPreviousData,
  });

export const usePeriodReview = (periodId: string, page = 1) => useQuery(getPeriodReviewQueryOptions(periodId, page));

/** Moves a period on (start it, close it); closing changes its objectives, so they are read again. */
export function useMovePeriod() {
  const client = useQueryClient();
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Period updated' },
    mutationFn: ({ period, state }: { period: Schemas['Period']; state: Schemas['PeriodState'] }) =>
      unwrap(api.PATCH('/api/v1/periods/{id}', { params: { path: { id: period.id }, header: { 'If-Match': etag(period.version) } }, body: { state } })),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['periods'] }), invalidate()]),
  });
}

/** Records an objective's outcome: closes it (or corrects a closed one) with the score and comment given. */
export function useScoreObjective() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Score saved' },
    mutationFn: async ({ objectiveId, finalScore, closingComment }: { objectiveId: string; finalScore: number; closingComment: string | null }) => {
      // The review carries no versions: read the objective's, then change it (412 if someone else did meanwhile).
      const current = await unwrap(api.GET('/api/v1/objectives/{id}', { params: { path: { id: objectiveId } } }));
      return unwrap(api.PATCH('/api/v1/objectives/{id}', {
        params: { path: { id: objectiveId }, header: { 'If-Match': etag(current.version) } },
        body: { state: 'closed', finalScore, closingComment },
      }));
    },
    onSuccess: invalidate,
  });
}

export function useCarryOverPeriod() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Carried over' },
    mutationFn: ({ periodId, body }: { periodId: string; body: Schemas['CarryOverPeriodRequest'] }) =>
      unwrap(api.POST('/api/v1/periods/{id}/carry-over', { params: { path: { id: periodId } }, body })),
    onSuccess: invalidate,
  });
}

export function useCarryOverObjective() {
  const invalidate = useInvalidateOkrs();
  return useMutation({ meta: { saved: 'Carried over' },
    mutationFn: ({ objectiveId, periodId }: { objectiveId: string; periodId: string }) =>
      unwrap(api.POST('/api/v1/objectives/{id}/carry-over', { params: { path: { id: objectiveId } }, body: { periodId } })),
    onSuccess: invalidate,
  });
}

/** "3 days overdue", "due today". */
export function overdueText(days: number) {
  if (days <= 0) return 'due today';
  return days === 1 ? '1 day overdue' : `${days} days overdue`;
}

/** The achieved mark of the method: a final score of 0.7 or more. */
export const ACHIEVED = 0.7;
