import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const getAlignmentQueryOptions = (periodId: string | undefined, teamId?: string) =>
  queryOptions({
    queryKey: ['alignment', periodId, teamId ?? null],
    queryFn: () => unwrap(api.GET('/api/v1/alignment', { params: { query: { periodId: periodId!, teamId } } })),
    enabled: periodId !== undefined,
  });

export const useAlignment = (periodId: string | undefined, teamId?: string) => useQuery(getAlignmentQueryOptions(periodId, teamId));
