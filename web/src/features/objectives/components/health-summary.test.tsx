import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { attentionLink, HealthSummary } from './health-summary';

it('leaves closed objectives out of the health and only mentions them', () => {
  render(<HealthSummary items={[{ status: 'at_risk' }, { status: 'on_track' }, { status: 'closed' }, { status: 'closed' }]} />);
  expect(screen.getByText('2 objectives in progress')).toBeInTheDocument();
  expect(screen.getByRole('img')).toHaveAccessibleName('1 at risk, 0 behind, 1 on track, 0 not started');
  expect(screen.getByText('· 2 closed')).toBeInTheDocument();
  expect(screen.queryByText(/closed/, { selector: '.badge' })).toBeNull();
});

it('counts no drafts, and its chips lead to the list of what needs attention', () => {
  render(
    <MemoryRouter>
      <HealthSummary
        items={[{ status: 'at_risk', state: 'active' }, { status: 'at_risk', state: 'draft' }, { status: 'behind', state: 'active' }]}
        attentionHref={(status) => attentionLink('t1', status)}
      />
    </MemoryRouter>,
  );
  expect(screen.getByRole('link', { name: '1 at risk' })).toHaveAttribute('href', '/attention?team=t1&reason=at_risk');
  expect(screen.getByRole('link', { name: '1 behind' })).toHaveAttribute('href', '/attention?team=t1&reason=behind');
  expect(screen.getByRole('link', { name: 'Needs attention' })).toHaveAttribute('href', '/attention?team=t1');
  expect(screen.getByText('· 1 draft')).toBeInTheDocument();
});
