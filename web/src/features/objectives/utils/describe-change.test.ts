import { describe, expect, it } from 'vitest';
import { describeChange, type AuditEntry, type Names } from './describe-change';

const names: Names = {
  user: (id) => ({ u1: 'Ana Lead', u2: 'Ben Member' })[id],
  team: (id) => ({ t1: 'Product' })[id],
  objective: (id) => ({ o1: 'Grow', p1: 'Company goal' })[id],
  keyResult: (id) => ({ k1: 'Reduce churn' })[id],
};

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 'e', at: '2026-12-01T10:00:00Z', actorUserId: 'u1', actorClientId: null, entityType: 'objective', entityId: 'o1', objectiveId: 'o1',
  action: 'updated', changes: {}, importId: null, ...over,
});

describe('describeChange', () => {
  it('puts each changed field in words, from → to, with names instead of ids', () => {
    const line = describeChange(entry({ changes: { ownerId: { old: 'u1', new: 'u2' }, parentId: { old: null, new: 'p1' }, weight: { old: 1, new: 2 } } }), names);
    expect(line?.summary).toBe('changed the objective');
    expect(line?.fields).toEqual([
      { field: 'owner', from: 'Ana Lead', to: 'Ben Member' },
      { field: 'aligned to', from: 'none', to: 'Company goal' },
      { field: 'weight', from: '1', to: '2' },
    ]);
  });

  it('says a re-scoped key result by its title', () => {
    const line = describeChange(entry({ entityType: 'key_result', entityId: 'k1', changes: { target: { old: 5, new: 3 } } }), names);
    expect(line).toMatchObject({ summary: 'changed the key result “Reduce churn”', fields: [{ field: 'target', from: '5', to: '3' }] });
  });

  it('leaves out what a check-in moves, and says the check-in once', () => {
    const moved = entry({ entityType: 'key_result', entityId: 'k1', changes: { currentValue: { old: 1, new: 2 }, confidence: { old: 5, new: 7 }, lastCheckInNote: { old: null, new: 'x' } } });
    expect(describeChange(moved, names)).toBeNull();
    const checkIn = entry({ entityType: 'check_in', entityId: 'c1', action: 'created', changes: { keyResultId: { old: null, new: 'k1' }, value: { old: null, new: 2 } } });
    expect(describeChange(checkIn, names)?.summary).toBe('checked in 2 on “Reduce churn”');
  });

  it('states a move along the life cycle in one line, and a deletion by its last title', () => {
    expect(describeChange(entry({ changes: { state: { old: 'active', new: 'closed' }, finalScore: { old: null, new: 0.7 } } }), names)?.fields)
      .toContainEqual({ field: 'final score', from: 'none', to: '70%' });
    expect(describeChange(entry({ changes: { state: { old: 'active', new: 'archived' } } }), names)).toMatchObject({ summary: 'changed the objective (active → archived)', fields: [] });
    expect(describeChange(entry({ entityType: 'key_result', entityId: 'gone', action: 'deleted', changes: { title: { old: 'Old KR', new: null } } }), names)?.summary)
      .toBe('deleted the key result “Old KR”');
  });
});
