import type { Schemas } from '@/lib/api-client';

type State = Schemas['ObjectiveState'];

/**
 * The words on the button that moves an objective from one state to another. Which moves exist is the API's to say
 * (`permissions.allowedStates`); this only names them.
 */
export function stateActionLabel(from: State, to: State): string {
  if (to === 'active') return from === 'draft' ? 'Publish' : 'Reopen';
  if (to === 'closed') return 'Close';
  if (to === 'archived') return 'Archive';
  return from === 'archived' ? 'Restore as draft' : 'Back to draft';
}
