import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { emptyKeyResult } from '../utils/key-result-draft';
import { KeyResultEditor } from './key-result-editor';

function Harness({ errors = {} as Record<string, string> }) {
  const [draft, setDraft] = useState(emptyKeyResult());
  return <KeyResultEditor index={0} draft={draft} onChange={setDraft} users={[]} errors={(field) => errors[field]} />;
}

it('reads "Reduce churn from 8% to 5%" back the way people say it', async () => {
  const user = userEvent.setup();
  render(<Harness />);
  await user.selectOptions(screen.getByLabelText('Direction'), 'decrease');
  await user.type(screen.getByLabelText('From'), '8');
  await user.type(screen.getByLabelText('To'), '5');
  await user.selectOptions(screen.getByLabelText('Unit'), 'percent');
  expect(screen.getByText('Reduce from 8% to 5%')).toBeInTheDocument();
});

it('says when the direction and the numbers disagree', async () => {
  const user = userEvent.setup();
  render(<Harness />);
  await user.type(screen.getByLabelText('From'), '8');
  await user.type(screen.getByLabelText('To'), '5');
  expect(screen.getByLabelText('To')).toHaveAccessibleDescription('To increase, the target must be above the starting number.');
});

it('shows the server’s error next to its field', () => {
  render(<Harness errors={{ target: 'A metric key result needs a target: the number it must reach.' }} />);
  expect(screen.getByLabelText('To')).toHaveAttribute('aria-invalid', 'true');
  expect(screen.getByText(/needs a target/)).toBeInTheDocument();
});

it('asks no numbers of a milestone', async () => {
  const user = userEvent.setup();
  render(<Harness />);
  await user.selectOptions(screen.getByLabelText('Kind'), 'milestone');
  expect(screen.queryByLabelText('From')).not.toBeInTheDocument();
  expect(screen.getByText('Done or not done')).toBeInTheDocument();
});
