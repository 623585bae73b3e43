import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { AlignmentNode } from '../utils/build-tree';
import { AlignmentTree } from './alignment-tree';

const node = (id: string, parentId: string | null, level: AlignmentNode['level'], title: string): AlignmentNode => ({
  id, parentId, level, title, teamId: 't', ownerId: null, state: 'active', weight: 1, progressFrom: 'key_results', progress: 0.4, expectedProgress: 0.5, status: 'behind', keyResults: [],
});

const items = [
  node('c', null, 'company', 'Grow revenue'),
  node('t', 'c', 'team', 'Win new markets'),
  node('p', 't', 'individual', 'Open the Berlin office'),
];

function renderTree(search = '', tree = items) {
  const router = createMemoryRouter(
    [
      { path: '/', element: <AlignmentTree items={tree} search={search} teamNames={new Map()} userNames={new Map()} expandCommand={null} /> },
      { path: '/objectives/:id', element: <p>objective page</p> },
    ],
    { initialEntries: ['/'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

it('opens the first level and hides deeper ones until asked', async () => {
  const user = userEvent.setup();
  // All on track: nothing to open the way to.
  renderTree('', items.map((n) => ({ ...n, status: 'on_track' as const })));
  expect(screen.getByRole('treeitem', { name: /Win new markets/ })).toBeInTheDocument();
  expect(screen.queryByRole('treeitem', { name: /Berlin/ })).not.toBeInTheDocument();

  screen.getByRole('treeitem', { name: /Grow revenue/ }).focus();
  await user.keyboard('{ArrowDown}{ArrowRight}');
  expect(screen.getByRole('treeitem', { name: /Berlin/ })).toHaveAttribute('aria-level', '3');
  expect(screen.getByRole('treeitem', { name: /Win new markets/ })).toHaveAttribute('aria-expanded', 'true');
});

it('opens the way down to an objective that is behind', () => {
  renderTree();
  expect(screen.getByRole('treeitem', { name: /Berlin/ })).toBeInTheDocument();
});

it('highlights and reveals search matches', () => {
  renderTree('berlin');
  expect(screen.getByRole('treeitem', { name: /Berlin/ })).toHaveClass('tree-row--match');
});

it('opens the objective with Enter', async () => {
  const user = userEvent.setup();
  const router = renderTree();
  screen.getByRole('treeitem', { name: /Grow revenue/ }).focus();
  await user.keyboard('{Enter}');
  expect(router.state.location.pathname).toBe('/objectives/c');
});
