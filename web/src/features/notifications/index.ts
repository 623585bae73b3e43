// What other features may use of notifications: the bell, the settings, a team's chat channels.
export { NotificationBell } from './components/notification-bell';
export { NotificationSettings } from './components/notification-settings';
export { ChatChannels } from './components/chat-channels';
export * from './api/notifications';
