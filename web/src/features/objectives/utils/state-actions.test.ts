import { describe, expect, it } from 'vitest';
import { stateActionLabel } from './state-actions';

describe('stateActionLabel', () => {
  it('names each move of the life cycle the way people say it', () => {
    expect(stateActionLabel('draft', 'active')).toBe('Publish');
    expect(stateActionLabel('closed', 'active')).toBe('Reopen');
    expect(stateActionLabel('active', 'closed')).toBe('Close');
    expect(stateActionLabel('active', 'archived')).toBe('Archive');
    expect(stateActionLabel('archived', 'draft')).toBe('Restore as draft');
  });
});
