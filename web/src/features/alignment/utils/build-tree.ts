import type { Schemas } from '@/lib/api-client';

export type AlignmentNode = Schemas['AlignmentNode'];

export interface TreeNode {
  node: AlignmentNode;
  depth: number;
  children: TreeNode[];
  /** Number of objectives below this one, all levels. */
  descendants: number;
}

const levelRank = { company: 0, team: 1, individual: 2 } as const;

function compare(a: TreeNode, b: TreeNode) {
  return levelRank[a.node.level] - levelRank[b.node.level] || a.node.title.localeCompare(b.node.title);
}

/**
 * Builds the alignment tree from the API's flat list. A node whose parent is not in the list (another team's
 * objective, when filtered) is a root of this view. Cycles in bad data cannot loop: each node is placed once.
 */
export function buildTree(items: AlignmentNode[]): TreeNode[] {
  const byId = new Map(items.map((node) => [node.id, { node, depth: 0, children: [], descendants: 0 } as TreeNode]));
  const roots: TreeNode[] = [];
  for (const tree of byId.values()) {
    const parent = tree.node.parentId ? byId.get(tree.node.parentId) : undefined;
    if (parent && parent !== tree) parent.children.push(tree);
    else roots.push(tree);
  }

  // Nodes caught in a cycle have a parent but are reachable from no root: make them roots too.
  const placed = new Set<string>();
  const visit = (tree: TreeNode, depth: number): number => {
    if (placed.has(tree.node.id)) return 0;
    placed.add(tree.node.id);
    tree.depth = depth;
    tree.children.sort(compare);
    tree.descendants = tree.children.reduce((sum, child) => sum + 1 + visit(child, depth + 1), 0);
    return tree.descendants;
  };
  roots.sort(compare).forEach((root) => visit(root, 0));
  for (const tree of byId.values()) {
    if (!placed.has(tree.node.id)) {
      tree.children = tree.children.filter((child) => !placed.has(child.node.id));
      roots.push(tree);
      visit(tree, 0);
    }
  }
  return roots;
}

/** Ids whose title (or key result titles) match the text, and the ancestors to open so every match shows. */
export function searchTree(items: AlignmentNode[], text: string): { matches: Set<string>; open: Set<string> } {
  const query = text.trim().toLowerCase();
  const matches = new Set<string>();
  const open = new Set<string>();
  if (!query) return { matches, open };
  const byId = new Map(items.map((node) => [node.id, node]));
  for (const node of items) {
    if (node.title.toLowerCase().includes(query) || node.keyResults.some((kr) => kr.title.toLowerCase().includes(query))) {
      matches.add(node.id);
      const seen = new Set<string>();
      for (let parent = node.parentId ? byId.get(node.parentId) : undefined; parent && !seen.has(parent.id); parent = parent.parentId ? byId.get(parent.parentId) : undefined) {
        seen.add(parent.id);
        open.add(parent.id);
      }
    }
  }
  return { matches, open };
}

/** The rows to render, in order, given which nodes are expanded. */
export function visibleRows(roots: TreeNode[], expanded: Set<string>): TreeNode[] {
  const rows: TreeNode[] = [];
  const walk = (tree: TreeNode) => {
    rows.push(tree);
    if (expanded.has(tree.node.id)) tree.children.forEach(walk);
  };
  roots.forEach(walk);
  return rows;
}

/** Ids of every node of the first levels, to open the tree to a readable depth at first. */
export function idsUpToDepth(roots: TreeNode[], depth: number): Set<string> {
  const ids = new Set<string>();
  const walk = (tree: TreeNode) => {
    if (tree.depth < depth) {
      ids.add(tree.node.id);
      tree.children.forEach(walk);
    }
  };
  roots.forEach(walk);
  return ids;
}

/**
 * What the tree shows when it opens: the first level below each root, and the path down to every active objective
 * that is at risk or behind, so that a leader sees at once where attention is needed without expanding by hand.
 */
export function initiallyOpen(roots: TreeNode[]): Set<string> {
  const ids = idsUpToDepth(roots, 1);
  const walk = (tree: TreeNode, path: string[]): boolean => {
    let needs = false;
    for (const child of tree.children) needs = walk(child, [...path, tree.node.id]) || needs;
    const here = tree.node.state === 'active' && (tree.node.status === 'at_risk' || tree.node.status === 'behind');
    if (here && path.length > 0) path.forEach((id) => ids.add(id));
    return needs || here;
  };
  roots.forEach((root) => walk(root, []));
  return ids;
}
