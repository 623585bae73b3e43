import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type NotificationItem = Schemas['Notification'];
export type NotificationKind = Schemas['NotificationKind'];

/** The bell's number: polled every 20 seconds (and on focus), so a mention shows without a reload. */
export const useUnreadCount = (enabled = true) =>
  useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => unwrap(api.GET('/api/v1/notifications/unread-count')),
    refetchInterval: 20_000,
    refetchOnWindowFocus: true,
    enabled,
  });

export const useNotifications = (unread: boolean) =>
  useQuery({
    queryKey: ['notifications', 'list', unread],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { unread, pageSize: 100 } } })),
    refetchInterval: 20_000,
  });

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['notifications'] });
}

export function useMarkRead() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })), onSuccess: refresh });
}

export function useMarkAllRead() {
  const refresh = useRefresh();
  return useMutation({ meta: { saved: 'All read' }, mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')), onSuccess: refresh });
}

export const useNotificationSettings = () =>
  useQuery({ queryKey: ['notification-settings'], queryFn: () => unwrap(api.GET('/api/v1/users/me/notification-settings')) });

export function useUpdateNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    meta: { saved: 'Notification settings saved' },
    mutationFn: (body: Schemas['UpdateNotificationSettingsRequest']) => unwrap(api.PATCH('/api/v1/users/me/notification-settings', { body })),
    onSuccess: (data) => client.setQueryData(['notification-settings'], data),
  });
}

export function useDisconnectChat() {
  const client = useQueryClient();
  return useMutation({
    meta: { saved: 'Chat disconnected' },
    mutationFn: () => unwrap(api.DELETE('/api/v1/users/me/notification-settings/chat')),
    onSuccess: (data) => client.setQueryData(['notification-settings'], data),
  });
}

export const useChatChannels = (teamId: string) =>
  useQuery({
    queryKey: ['chat-channels', teamId],
    queryFn: () => unwrap(api.GET('/api/v1/teams/{id}/chat-channels', { params: { path: { id: teamId } } })),
  });

function useChannelsRefresh(teamId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['chat-channels', teamId] });
}

export function useCreateChatChannel(teamId: string) {
  const refresh = useChannelsRefresh(teamId);
  return useMutation({
    meta: { saved: 'Chat channel connected' },
    mutationFn: (body: Schemas['CreateChatChannelRequest']) => unwrap(api.POST('/api/v1/teams/{id}/chat-channels', { params: { path: { id: teamId } }, body })),
    onSuccess: refresh,
  });
}

export function useDeleteChatChannel(teamId: string) {
  const refresh = useChannelsRefresh(teamId);
  return useMutation({
    meta: { saved: 'Chat channel disconnected' },
    mutationFn: (channelId: string) => unwrap(api.DELETE('/api/v1/teams/{id}/chat-channels/{channelId}', { params: { path: { id: teamId, channelId } } })),
    onSuccess: refresh,
  });
}

export function useTestChatChannel(teamId: string) {
  const refresh = useChannelsRefresh(teamId);
  return useMutation({
    meta: { saved: 'Test message queued' },
    mutationFn: (channelId: string) => unwrap(api.POST('/api/v1/teams/{id}/chat-channels/{channelId}/test', { params: { path: { id: teamId, channelId } } })),
    // The worker posts within seconds: look again shortly for its outcome.
    onSuccess: () => { void refresh(); setTimeout(() => void refresh(), 3000); },
  });
}
