import { buildTree, idsUpToDepth, initiallyOpen, searchTree, visibleRows, type AlignmentNode } from './build-tree';

function node(id: string, parentId: string | null, level: AlignmentNode['level'], title = id): AlignmentNode {
  return {
    id, parentId, level, title, teamId: 't', ownerId: null, state: 'active', weight: 1, progressFrom: 'key_results',
    progress: 0.5, expectedProgress: 0.5, status: 'on_track', keyResults: [],
  };
}

const items = [
  node('team-b', 'company', 'team', 'B team goal'),
  node('company', null, 'company', 'Company goal'),
  node('person', 'team-a', 'individual', 'Person goal'),
  node('team-a', 'company', 'team', 'A team goal'),
  node('orphan', 'not-in-view', 'team', 'Orphan'),
];

describe('buildTree', () => {
  it('nests children under parents, sorted by level then title', () => {
    const roots = buildTree(items);
    expect(roots.map((r) => r.node.id)).toEqual(['company', 'orphan']);
    const company = roots[0]!;
    expect(company.children.map((c) => c.node.id)).toEqual(['team-a', 'team-b']);
    expect(company.children[0]!.children[0]!.node.id).toBe('person');
    expect(company.descendants).toBe(3);
    expect(company.children[0]!.children[0]!.depth).toBe(2);
  });

  it('survives a cycle in the data', () => {
    const roots = buildTree([node('x', 'y', 'team'), node('y', 'x', 'team')]);
    expect(roots.flatMap((r) => [r.node.id, ...r.children.map((c) => c.node.id)]).sort()).toEqual(['x', 'y']);
  });

  it('handles 2,000 objectives quickly enough to stay smooth', () => {
    const many = [node('root', null, 'company')];
    for (let i = 0; i < 2000; i++) many.push(node(`n${i}`, i < 50 ? 'root' : `n${i % 50}`, i < 50 ? 'team' : 'individual'));
    const roots = buildTree(many);
    expect(roots[0]!.descendants).toBe(2000);
  });
});

describe('searchTree and visibleRows', () => {
  it('finds matches and opens their ancestors', () => {
    const { matches, open } = searchTree(items, 'person');
    expect([...matches]).toEqual(['person']);
    expect([...open].sort()).toEqual(['company', 'team-a']);
    const rows = visibleRows(buildTree(items), open);
    expect(rows.map((r) => r.node.id)).toEqual(['company', 'team-a', 'person', 'team-b', 'orphan']);
  });

  it('opens the first levels by default', () => {
    const roots = buildTree(items);
    expect(visibleRows(roots, idsUpToDepth(roots, 1)).map((r) => r.node.id)).toEqual(['company', 'team-a', 'team-b', 'orphan']);
  });
});

describe('initiallyOpen', () => {
  it('opens the first level and the path down to what is at risk or behind, nothing else', () => {
    const items = [
      node('company', null, 'company'),
      node('team', 'company', 'team'),
      node('sub', 'team', 'team'),
      { ...node('risky', 'sub', 'individual'), status: 'at_risk' as const },
      node('calm', null, 'company'),
      node('calm-team', 'calm', 'team'),
      node('calm-person', 'calm-team', 'individual'),
    ];
    expect([...initiallyOpen(buildTree(items))].sort()).toEqual(['calm', 'company', 'sub', 'team']);
  });
});
