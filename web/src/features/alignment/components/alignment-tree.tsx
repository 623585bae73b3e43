import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { levelLabels } from '@/features/objectives';
import { buildTree, initiallyOpen, searchTree, visibleRows, type AlignmentNode, type TreeNode } from '../utils/build-tree';

interface Props {
  items: AlignmentNode[];
  search: string;
  teamNames: Map<string, string>;
  userNames: Map<string, string>;
  /** Changes when the person asks to open or close everything. */
  expandCommand: { all: boolean; at: number } | null;
}

/**
 * The alignment tree as an outline: company objectives, the team objectives aligned to them, then people's.
 * Keyboard: arrows move and open/close, Enter opens the objective, Home/End jump. Only open branches are drawn,
 * so 2,000 objectives stay smooth.
 */
export function AlignmentTree({ items, search, teamNames, userNames, expandCommand }: Props) {
  const navigate = useNavigate();
  const roots = useMemo(() => buildTree(items), [items]);
  const [expanded, setExpanded] = useState<Set<string>>(() => initiallyOpen(roots));
  const [focused, setFocused] = useState<string | null>(null);
  const rowRefs = useRef(new Map<string, HTMLLIElement>());
  const { matches, open } = useMemo(() => searchTree(items, search), [items, search]);

  // Open on the first level and the way down to what is at risk or behind; fold back to that only when a different tree arrives (another period or team), not when the
  // same tree is refreshed after a check-in.
  const shape = roots.map((r) => r.node.id).join(',');
  const [seenShape, setSeenShape] = useState(shape);
  if (shape !== seenShape) {
    setSeenShape(shape);
    setExpanded(initiallyOpen(roots));
  }
  // A new search opens the path to every match; a new "Expand all" / "Collapse all" applies once.
  const [seenOpen, setSeenOpen] = useState<Set<string> | null>(null);
  if (open !== seenOpen) {
    setSeenOpen(open);
    if (open.size > 0) setExpanded((current) => new Set([...current, ...open]));
  }
  const [seenCommand, setSeenCommand] = useState<typeof expandCommand>(null);
  if (expandCommand !== seenCommand) {
    setSeenCommand(expandCommand);
    if (expandCommand) setExpanded(expandCommand.all ? new Set(items.map((n) => n.id)) : new Set());
  }

  const rows = visibleRows(roots, expanded);
  const current = focused && rows.some((r) => r.node.id === focused) ? focused : rows[0]?.node.id;
  const parentOf = new Map(items.map((n) => [n.id, n.parentId]));

  const focus = (id: string | undefined | null) => {
    if (!id) return;
    setFocused(id);
    rowRefs.current.get(id)?.focus();
  };
  const toggle = (id: string, to?: boolean) =>
    setExpanded((set) => {
      const next = new Set(set);
      if (to ?? !next.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  const onKeyDown = (event: KeyboardEvent, row: TreeNode, index: number) => {
    const id = row.node.id;
    switch (event.key) {
      case 'ArrowDown': focus(rows[index + 1]?.node.id); break;
      case 'ArrowUp': focus(rows[index - 1]?.node.id); break;
      case 'Home': focus(rows[0]?.node.id); break;
      case 'End': focus(rows[rows.length - 1]?.node.id); break;
      case 'ArrowRight':
        if (row.children.length === 0) return;
        if (!expanded.has(id)) toggle(id, true);
        else focus(row.children[0]?.node.id);
        break;
      case 'ArrowLeft':
        if (expanded.has(id) && row.children.length > 0) toggle(id, false);
        else focus(parentOf.get(id));
        break;
      case 'Enter': navigate(`/objectives/${id}`); break;
      default: return;
    }
    event.preventDefault();
  };

  // Sibling counts for aria-setsize / aria-posinset.
  const siblings = new Map<string, { size: number; position: number }>();
  const record = (list: TreeNode[]) => list.forEach((t, i) => { siblings.set(t.node.id, { size: list.length, position: i + 1 }); record(t.children); });
  record(roots);

  return (
    <ul className="tree card" role="tree" aria-label="Alignment tree" style={{ padding: '0.5rem' }}>
      {rows.map((row, index) => {
        const { node } = row;
        const owner = node.ownerId ? userNames.get(node.ownerId) : undefined;
        const hasChildren = row.children.length > 0;
        const position = siblings.get(node.id)!;
        return (
          <li
            key={node.id}
            ref={(element) => { if (element) rowRefs.current.set(node.id, element); else rowRefs.current.delete(node.id); }}
            role="treeitem"
            aria-level={row.depth + 1}
            aria-setsize={position.size}
            aria-posinset={position.position}
            aria-expanded={hasChildren ? expanded.has(node.id) : undefined}
            aria-selected={current === node.id}
            tabIndex={current === node.id ? 0 : -1}
            className={`tree-row${matches.has(node.id) ? ' tree-row--match' : ''}`}
            onKeyDown={(event) => onKeyDown(event, row, index)}
            onFocus={() => setFocused(node.id)}
          >
            <div className="tree-row__main" style={{ paddingLeft: `${row.depth * 1.5}rem` }}>
              {hasChildren ? (
                <span
                  className="tree-toggle"
                  aria-hidden="true"
                  onClick={() => toggle(node.id)}
                  style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center' }}
                  title={expanded.has(node.id) ? 'Collapse' : `Expand (${row.descendants} below)`}
                >
                  {expanded.has(node.id) ? '▾' : '▸'}
                </span>
              ) : (
                <span className="tree-spacer" aria-hidden="true" />
              )}
              <span style={{ minWidth: 0 }}>
                <a
                  href={`/objectives/${node.id}`}
                  tabIndex={-1}
                  className="tree-row__title"
                  style={{ display: 'block', color: 'inherit' }}
                  onClick={(event) => { event.preventDefault(); navigate(`/objectives/${node.id}`); }}
                >
                  {node.title}
                </a>
                <span className="small muted">
                  {levelLabels[node.level]} · {owner ?? teamNames.get(node.teamId) ?? ''}
                  {node.state === 'draft' && ' · draft'}
                  {hasChildren && !expanded.has(node.id) && ` · ${row.descendants} below`}
                </span>
              </span>
            </div>
            <div className="row" style={{ gap: '0.5rem', flexWrap: 'nowrap' }}>
              <div style={{ flex: 1 }}>
                <ProgressBar value={node.progress} expected={node.expectedProgress} status={node.status} label={`Progress of ${node.title}`} />
              </div>
              <StatusBadge status={node.status} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
