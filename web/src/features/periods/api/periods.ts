import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const getPeriodsQueryOptions = () =>
  queryOptions({
    queryKey: ['periods'],
    queryFn: () => unwrap(api.GET('/api/v1/periods', { params: { query: { pageSize: 500 } } })),
    staleTime: 5 * 60_000,
  });

export const usePeriods = () => useQuery(getPeriodsQueryOptions());
