import { render, screen } from '@testing-library/react';
import { ProgressBar } from './progress-bar';

it('tells screen readers the progress and where it should be by now', () => {
  render(<ProgressBar value={0.625} expected={0.5} status="on_track" label="Progress of Grow" />);
  const bar = screen.getByRole('progressbar', { name: 'Progress of Grow' });
  expect(bar).toHaveAttribute('aria-valuenow', '63');
  expect(bar).toHaveAttribute('aria-valuetext', '63%, expected 50% by now');
  expect(screen.getByText('63%')).toBeInTheDocument();
});

it('clamps the bar to its track', () => {
  const { container } = render(<ProgressBar value={1.4} label="Over" />);
  expect(container.querySelector('.progress__fill')).toHaveStyle({ width: '100%' });
});
