import { render, screen } from '@testing-library/react';
import { HealthSummary } from './health-summary';

it('leaves closed objectives out of the health and only mentions them', () => {
  render(<HealthSummary items={[{ status: 'at_risk' }, { status: 'on_track' }, { status: 'closed' }, { status: 'closed' }]} />);
  expect(screen.getByText('2 objectives in progress')).toBeInTheDocument();
  expect(screen.getByRole('img')).toHaveAccessibleName('1 at risk, 0 behind, 1 on track, 0 not started');
  expect(screen.getByText('· 2 closed')).toBeInTheDocument();
  expect(screen.queryByText(/closed/, { selector: '.badge' })).toBeNull();
});
