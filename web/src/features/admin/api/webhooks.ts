import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, etag, unwrap, type Schemas } from '@/lib/api-client';

export const useWebhooks = () =>
  useQuery({ queryKey: ['webhooks'], queryFn: () => unwrap(api.GET('/api/v1/webhooks', { params: { query: { pageSize: 500 } } })) });

/** A webhook's recent deliveries; refreshed every few seconds while open, since the worker moves them on its own. */
export const useWebhookDeliveries = (id: string) =>
  useQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id }, query: { pageSize: 50 } } })),
    refetchInterval: 3000,
  });

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['webhooks'] });
}

export function useCreateWebhook() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Webhook created' }, mutationFn: (body: Schemas['CreateWebhookCommand']) => unwrap(api.POST('/api/v1/webhooks', { body })), onSuccess: refresh });
}

export function useUpdateWebhook() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Webhook saved' },
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdateWebhookRequest'] }) =>
      unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: refresh,
  });
}

export function useDeleteWebhook() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Webhook deleted' }, mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })), onSuccess: refresh });
}

export function useRotateWebhookSecret() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'New secret made' }, mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } } })), onSuccess: refresh });
}

export function useTestWebhook() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Test event queued' }, mutationFn: (id: string) => unwrap(api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id } } })), onSuccess: refresh });
}

export function useRedeliver() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Delivery queued again' },
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      unwrap(api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } })),
    onSuccess: refresh,
  });
}
