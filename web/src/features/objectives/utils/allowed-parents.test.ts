import { allowedParents } from './allowed-parents';

const teams = [
  { id: 'company', parentId: null },
  { id: 'product', parentId: 'company' },
  { id: 'growth', parentId: 'product' },
  { id: 'sales', parentId: 'company' },
];

const nodes = [
  { id: 'c1', parentId: null, level: 'company', teamId: 'company', state: 'active' },
  { id: 'p1', parentId: 'c1', level: 'team', teamId: 'product', state: 'active' },
  { id: 'g1', parentId: 'p1', level: 'team', teamId: 'growth', state: 'active' },
  { id: 's1', parentId: 'c1', level: 'team', teamId: 'sales', state: 'active' },
  { id: 'i1', parentId: 'g1', level: 'individual', teamId: 'growth', state: 'active' },
  { id: 'old', parentId: null, level: 'company', teamId: 'company', state: 'archived' },
] as const;

describe('allowedParents', () => {
  it('offers an individual objective every company and team objective', () => {
    expect(allowedParents([...nodes], teams, { level: 'individual', teamId: 'growth' })).toEqual(['c1', 'p1', 'g1', 's1']);
  });

  it('offers a team objective the company and teams above its own, never siblings', () => {
    expect(allowedParents([...nodes], teams, { level: 'team', teamId: 'growth' })).toEqual(['c1', 'p1']);
  });

  it('offers a company objective nothing', () => {
    expect(allowedParents([...nodes], teams, { level: 'company', teamId: 'company' })).toEqual([]);
  });

  it('never offers the objective itself or what aligns below it', () => {
    expect(allowedParents([...nodes], teams, { id: 'p1', level: 'team', teamId: 'product' })).toEqual(['c1']);
  });
});
