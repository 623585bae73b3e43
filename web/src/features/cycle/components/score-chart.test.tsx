import { render, screen } from '@testing-library/react';
import { ScoreChart } from './score-chart';

const review = (summary: Partial<{ objectives: number; closed: number; scored: number; averageScore: number | null; achieved: number; missed: number }>) => ({
  periodId: 'p', items: [], totalCount: 0, page: 1, pageSize: 100,
  summary: { objectives: 4, closed: 4, scored: 4, averageScore: 0.5, achieved: 1, missed: 3, ...summary },
});

it('draws achieved against missed and the scores by band, described for screen readers', () => {
  render(<ScoreChart review={review({})} scores={[0.1, 0.5, 0.69, 0.7]} />);
  expect(screen.getByRole('img', { name: '1 achieved, 3 missed, of 4 scored' })).toBeInTheDocument();
  expect(screen.getByRole('img', { name: '1 scored under 30%, 2 scored 30–69%, 1 scored 70% and more' })).toBeInTheDocument();
  expect(screen.getByText(/average score 50%/)).toBeInTheDocument();
});

it('says so when nothing is scored yet', () => {
  render(<ScoreChart review={review({ scored: 0, achieved: 0, missed: 0, averageScore: null })} scores={[]} />);
  expect(screen.getByText(/No objective has a final score yet/)).toBeInTheDocument();
  expect(screen.queryByRole('img')).toBeNull();
});
