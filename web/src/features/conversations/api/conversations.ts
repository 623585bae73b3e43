import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, etag, unwrap, type Schemas } from '@/lib/api-client';

export type Conversation = Schemas['Conversation'];
export type ConversationSummary = Schemas['ConversationSummary'];
export type Packet = Schemas['ConversationPacket'];
export type ActionItem = Schemas['ActionItem'];
export type ConversationFilters = { employeeId?: string; managerId?: string; objectiveId?: string; state?: Schemas['ConversationState'] };

export const getConversationsQueryOptions = (filters: ConversationFilters) =>
  queryOptions({
    queryKey: ['conversations', 'list', filters],
    queryFn: () => unwrap(api.GET('/api/v1/conversations', { params: { query: { ...filters, pageSize: 100 } } })),
  });

export const useConversations = (filters: ConversationFilters, enabled = true) => useQuery({ ...getConversationsQueryOptions(filters), enabled });

export const getConversationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['conversations', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/{id}', { params: { path: { id } } })),
    enabled: id !== '',
  });

export const useConversation = (id: string) => useQuery(getConversationQueryOptions(id));

export const usePacket = (id: string) =>
  useQuery({
    queryKey: ['conversations', 'packet', id],
    queryFn: () => unwrap(api.GET('/api/v1/conversations/{id}/packet', { params: { path: { id } } })),
    enabled: id !== '',
  });

export const useReports = (userId: string | undefined) =>
  useQuery({
    queryKey: ['conversations', 'reports', userId],
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}/reports', { params: { path: { id: userId! } } })),
    enabled: userId !== undefined,
  });

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['conversations'] });
}

export function useScheduleConversation() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: '1:1 scheduled' },
    mutationFn: (body: Schemas['CreateConversationCommand']) => unwrap(api.POST('/api/v1/conversations', { body })),
    onSuccess: refresh,
  });
}

/** A change with the version last read: 412 when the other participant changed it meanwhile (never overwritten silently). */
export function useUpdateConversation() {
  const client = useQueryClient();
  return useMutation({ meta: { saved: '1:1 saved' },
    mutationFn: ({ id, version, changes }: { id: string; version: number; changes: Schemas['UpdateConversationRequest'] }) =>
      unwrap(api.PATCH('/api/v1/conversations/{id}', { params: { path: { id }, header: { 'If-Match': etag(version) } }, body: changes })),
    onSuccess: (conversation) => {
      client.setQueryData(['conversations', 'one', conversation.id], conversation);
      return client.invalidateQueries({ queryKey: ['conversations'], predicate: (q) => q.queryKey[1] !== 'one' });
    },
  });
}

export function useAddAgendaItem(conversationId: string) {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Added to the agenda' },
    mutationFn: (body: Schemas['AgendaItemRequest']) =>
      unwrap(api.POST('/api/v1/conversations/{id}/agenda-items', { params: { path: { id: conversationId } }, body })),
    onSuccess: refresh,
  });
}

export function useUpdateAgendaItem(conversationId: string) {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Agenda saved' },
    mutationFn: ({ itemId, changes }: { itemId: string; changes: Schemas['UpdateAgendaItemRequest'] }) =>
      unwrap(api.PATCH('/api/v1/conversations/{id}/agenda-items/{itemId}', { params: { path: { id: conversationId, itemId } }, body: changes })),
    onSuccess: refresh,
  });
}

export function useAddActionItem(conversationId: string) {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Action item added' },
    mutationFn: (body: Schemas['ActionItemRequest']) =>
      unwrap(api.POST('/api/v1/conversations/{id}/action-items', { params: { path: { id: conversationId } }, body })),
    onSuccess: refresh,
  });
}

/** Ticks an action item off (or opens it again) through the conversation it was agreed in. */
export function useUpdateActionItem() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'Action item saved' },
    mutationFn: ({ item, changes }: { item: ActionItem; changes: Schemas['UpdateActionItemRequest'] }) =>
      unwrap(api.PATCH('/api/v1/conversations/{id}/action-items/{itemId}', { params: { path: { id: item.conversationId, itemId: item.id } }, body: changes })),
    onSuccess: refresh,
  });
}

/** Two weeks after, at the same time of day: the default for "Schedule next". */
export function twoWeeksAfter(iso: string) {
  return new Date(Date.parse(iso) + 14 * 86_400_000).toISOString();
}

/** A value for <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(iso: string) {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The datetime-local value as an ISO time with its offset (the API refuses times without one). */
export function fromLocalInput(value: string) {
  return new Date(value).toISOString();
}
