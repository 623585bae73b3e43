// What other features may use of discussions: the thread of an objective or key result.
export { CommentThread, CommentText } from './components/comment-thread';
