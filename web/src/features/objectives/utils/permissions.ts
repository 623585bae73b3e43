import type { Schemas } from '@/lib/api-client';

type Me = Pick<Schemas['User'], 'id' | 'role' | 'memberships'>;

/**
 * What the signed-in person may change, mirroring the API's rules so the app offers only what will work
 * (the API still decides): admins everything; viewers nothing; the owner their individual objective; a team's
 * leads the team's objectives and its members' individual ones.
 */
export function canWriteObjective(me: Me | undefined, objective: Pick<Schemas['Objective'], 'teamId' | 'ownerId'>): boolean {
  if (!me || me.role === 'viewer') return false;
  if (me.role === 'admin') return true;
  if (objective.ownerId !== null && objective.ownerId === me.id) return true;
  return me.memberships.some((m) => m.teamId === objective.teamId && m.role === 'lead');
}

/** Check-ins: whoever may write the objective, and the key result's owner. */
export function canCheckIn(me: Me | undefined, objective: Pick<Schemas['Objective'], 'teamId' | 'ownerId'>, keyResult: Pick<Schemas['KeyResult'], 'ownerId'>): boolean {
  if (!me || me.role === 'viewer') return false;
  return canWriteObjective(me, objective) || (keyResult.ownerId !== null && keyResult.ownerId === me.id);
}

export function canManageTeam(me: Me | undefined, teamId: string): boolean {
  if (!me || me.role === 'viewer') return false;
  return me.role === 'admin' || me.memberships.some((m) => m.teamId === teamId && m.role === 'lead');
}

/** The state changes the objective's life cycle allows from here, as buttons would offer them. */
export function stateActions(state: Schemas['ObjectiveState']): { to: Schemas['ObjectiveState']; label: string }[] {
  switch (state) {
    case 'draft':
      return [{ to: 'active', label: 'Publish' }, { to: 'archived', label: 'Archive' }];
    case 'active':
      return [{ to: 'closed', label: 'Close' }, { to: 'archived', label: 'Archive' }];
    case 'closed':
      return [{ to: 'active', label: 'Reopen' }, { to: 'archived', label: 'Archive' }];
    case 'archived':
      return [{ to: 'draft', label: 'Restore as draft' }];
  }
}
