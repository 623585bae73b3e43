import type { Schemas } from '@/lib/api-client';

type Level = Schemas['ObjectiveLevel'];
type Node = Pick<Schemas['AlignmentNode'], 'id' | 'parentId' | 'level' | 'teamId' | 'state'>;
type Team = Pick<Schemas['Team'], 'id' | 'parentId'>;

const rank: Record<Level, number> = { company: 0, team: 1, individual: 2 };

export function isStrictAncestorTeam(teams: Team[], ancestor: string, team: string): boolean {
  const parents = new Map(teams.map((t) => [t.id, t.parentId]));
  const seen = new Set<string>();
  for (let current = parents.get(team); current && !seen.has(current); current = parents.get(current)) {
    if (current === ancestor) return true;
    seen.add(current);
  }
  return false;
}

/**
 * The objectives a new or edited objective may align to, as the API's rules say: a higher level (a team
 * objective may also align to one of a team above its own), not archived, and never itself or something
 * already aligned below it (a cycle). The API checks again; this only keeps the picker honest.
 */
export function allowedParents(nodes: Node[], teams: Team[], child: { id?: string; level: Level; teamId: string }): string[] {
  const below = new Set<string>();
  if (child.id) {
    below.add(child.id);
    let grew = true;
    while (grew) {
      grew = false;
      for (const node of nodes) {
        if (node.parentId && below.has(node.parentId) && !below.has(node.id)) {
          below.add(node.id);
          grew = true;
        }
      }
    }
  }

  return nodes
    .filter((parent) => parent.state !== 'archived' && !below.has(parent.id))
    .filter(
      (parent) =>
        rank[parent.level] < rank[child.level] ||
        (parent.level === 'team' && child.level === 'team' && isStrictAncestorTeam(teams, parent.teamId, child.teamId)),
    )
    .map((parent) => parent.id);
}
