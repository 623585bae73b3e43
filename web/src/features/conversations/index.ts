// What other features may use of conversations: the list (an objective's page shows the 1:1s that discussed it).
export { useConversations } from './api/conversations';
