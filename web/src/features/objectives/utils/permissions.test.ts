import { canCheckIn, canManageTeam, canWriteObjective, stateActions } from './permissions';

const member = { id: 'm', role: 'member' as const, memberships: [{ teamId: 'product', role: 'member' as const }] };
const lead = { id: 'l', role: 'member' as const, memberships: [{ teamId: 'product', role: 'lead' as const }] };
const viewer = { id: 'v', role: 'viewer' as const, memberships: [] };
const admin = { id: 'a', role: 'admin' as const, memberships: [] };

describe('permissions', () => {
  it('lets a member write only their own individual objective', () => {
    expect(canWriteObjective(member, { teamId: 'product', ownerId: 'm' })).toBe(true);
    expect(canWriteObjective(member, { teamId: 'product', ownerId: null })).toBe(false);
    expect(canWriteObjective(member, { teamId: 'product', ownerId: 'someone' })).toBe(false);
  });

  it('lets a lead write the team’s objectives and its members’, not other teams’', () => {
    expect(canWriteObjective(lead, { teamId: 'product', ownerId: null })).toBe(true);
    expect(canWriteObjective(lead, { teamId: 'product', ownerId: 'm' })).toBe(true);
    expect(canWriteObjective(lead, { teamId: 'sales', ownerId: null })).toBe(false);
    expect(canManageTeam(lead, 'product')).toBe(true);
    expect(canManageTeam(member, 'product')).toBe(false);
  });

  it('never lets a viewer write, always lets an admin', () => {
    expect(canWriteObjective(viewer, { teamId: 'product', ownerId: 'v' })).toBe(false);
    expect(canCheckIn(viewer, { teamId: 'product', ownerId: null }, { ownerId: 'v' })).toBe(false);
    expect(canWriteObjective(admin, { teamId: 'sales', ownerId: null })).toBe(true);
  });

  it('lets the owner of a key result check in on it', () => {
    expect(canCheckIn(member, { teamId: 'product', ownerId: null }, { ownerId: 'm' })).toBe(true);
    expect(canCheckIn(member, { teamId: 'product', ownerId: null }, { ownerId: 'x' })).toBe(false);
  });

  it('offers the life-cycle moves the API allows', () => {
    expect(stateActions('draft').map((a) => a.to)).toEqual(['active', 'archived']);
    expect(stateActions('archived').map((a) => a.to)).toEqual(['draft']);
  });
});
