import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, vi } from 'vitest';
import { CommentThread } from './comment-thread';
import { matchPeople, mentionQuery, mentionsIn } from './mention-input';

afterEach(() => vi.unstubAllGlobals());

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const people = [
  { id: 'u1', displayName: 'Ana Lima', active: true, email: 'ana@example.com', role: 'member' },
  { id: 'u2', displayName: 'Ben Okafor', active: true, email: 'ben@example.com', role: 'member' },
  { id: 'u3', displayName: 'Anders Berg', active: true, email: 'anders@example.com', role: 'member' },
];

const checkIn = {
  id: 'c1', kind: 'check_in', objectiveId: 'o1', keyResultId: 'k1', authorId: 'u2', text: 'Two more this week', mentions: [], createdAt: '2026-12-01T09:00:00Z',
  editedAt: null, version: null, value: 6, confidence: 8, permissions: { canEdit: false, canDelete: false },
};
const comment = {
  id: 'm1', kind: 'comment', objectiveId: 'o1', keyResultId: 'k1', authorId: 'u2', text: '@Ana Lima can Sales help?', mentions: [{ id: 'u1', displayName: 'Ana Lima' }],
  createdAt: '2026-12-02T09:00:00Z', editedAt: null, version: 4, value: null, confidence: null, permissions: { canEdit: true, canDelete: true },
};

function stub(post?: (body: unknown) => Response) {
  const fetch = vi.fn(async (request: Request) => {
    if (request.url.includes('/api/v1/users')) return json(200, { items: people, page: 1, pageSize: 500, totalCount: 3 });
    if (request.method === 'POST' && post) return post(await request.clone().json());
    return json(200, { items: [checkIn, comment], page: 1, pageSize: 500, totalCount: 2 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderThread() {
  render(
    <MemoryRouter>
      <QueryClientProvider client={new QueryClient()}>
        <CommentThread of={{ keyResultId: 'k1' }} label="Story of Releases" canComment />
      </QueryClientProvider>
    </MemoryRouter>,
  );
  return userEvent.setup();
}

it('finds the @ being typed and keeps only mentions still named in the text', () => {
  expect(mentionQuery('Hi @An', 6)).toEqual({ start: 3, query: 'An' });
  expect(mentionQuery('mail@example', 12)).toBeNull();
  expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
  expect(mentionsIn('@Ana Lima look', ['u1', 'u2', 'u1'], people)).toEqual(['u1']);
  expect(matchPeople([...people, { id: 'u4', displayName: 'Administrator' }], 'ok').map((p) => p.displayName)).toEqual(['Ben Okafor']);
  expect(matchPeople(people, 'be').map((p) => p.displayName)).toEqual(['Ben Okafor', 'Anders Berg']);
});

it('tells the story in order: the check-in with its note, then the comment with its mention as a link', async () => {
  stub();
  renderThread();
  const list = await screen.findByRole('list', { name: 'Story of Releases' });
  const entries = within(list).getAllByRole('listitem');
  expect(entries[0]).toHaveTextContent(/checked in 6 · confidence 8\/10/);
  expect(entries[0]).toHaveTextContent('Two more this week');
  expect(within(entries[1]!).getByRole('link', { name: '@Ana Lima' })).toHaveAttribute('href', '/people/u1');
  expect(within(entries[1]!).getByRole('button', { name: 'Edit your comment' })).toBeInTheDocument();
});

it('offers people after @, picks one by keyboard and sends the mention with the text', async () => {
  const fetch = stub(() => json(201, { ...comment, id: 'm2' }));
  const user = renderThread();
  const box = await screen.findByLabelText('Add a comment');
  await user.type(box, 'Thanks @An');
  const options = screen.getAllByRole('option');
  expect(options.map((o) => o.textContent)).toEqual(['Ana Lima', 'Anders Berg']);
  expect(box).toHaveAttribute('aria-activedescendant', options[0]!.id);
  expect(screen.getByText(/^Ana Lima, 1 of 2/)).toBeInTheDocument();
  await user.keyboard('{ArrowDown}');
  expect(screen.getByText(/^Anders Berg, 2 of 2/)).toBeInTheDocument();
  await user.keyboard('{Enter}');
  expect(box).toHaveValue('Thanks @Anders Berg ');
  await user.type(box, 'please look');
  await user.click(screen.getByRole('button', { name: 'Comment' }));
  const post = fetch.mock.calls.map((c) => c[0]).find((r) => r.method === 'POST')!;
  expect(await post.json()).toEqual({ text: 'Thanks @Anders Berg please look', mentions: ['u3'] });
  await waitFor(() => expect(box).toHaveValue(''));
  expect(box).toHaveFocus();
});

it('puts the focus in the box to edit, and back on Edit once done', async () => {
  stub();
  const user = renderThread();
  const edit = await screen.findByRole('button', { name: 'Edit your comment' });
  await user.click(edit);
  expect(screen.getByLabelText('Edit your comment')).toHaveFocus();
  await user.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(screen.getByRole('button', { name: 'Edit your comment' })).toHaveFocus();
});

it('says in words why a mention was refused', async () => {
  stub(() => json(422, { status: 422, title: 'A rule of the OKR method was broken.', errors: { 'mentions[0]': ['This person may not read the objective (a draft is seen by its owner, its team\'s leads and admins): mention only people who may read it.'] } }));
  const user = renderThread();
  await user.type(await screen.findByLabelText('Add a comment'), '@Ben');
  await user.keyboard('{Enter}');
  await user.click(screen.getByRole('button', { name: 'Comment' }));
  expect(await screen.findByText(/may not read the objective/)).toBeInTheDocument();
  expect(screen.getByLabelText('Add a comment')).toHaveAttribute('aria-invalid', 'true');
});
