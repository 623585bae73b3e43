import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { expect, it } from 'vitest';
import { TextField, useFocusFirstError } from './field';

function Form({ error }: { error?: string }) {
  const [value, setValue] = useState('');
  const ref = useFocusFirstError(error);
  return (
    <form ref={ref}>
      <TextField label="Other" defaultValue="" />
      <TextField label="Title" value={value} onChange={(e) => setValue(e.target.value)} error={error} />
      <button type="submit">Save</button>
    </form>
  );
}

it('moves focus to the first refused field, and clears its message once the person changes it', async () => {
  const { rerender } = render(<Form />);
  await userEvent.click(screen.getByRole('button', { name: 'Save' }));
  rerender(<Form error="Title is required." />);

  const title = screen.getByLabelText('Title');
  await expect.poll(() => document.activeElement).toBe(title);
  expect(title).toHaveAttribute('aria-invalid', 'true');
  expect(title).toHaveAccessibleDescription('Title is required.');

  await userEvent.type(title, 'G');
  expect(screen.queryByText('Title is required.')).toBeNull();
  expect(title).not.toHaveAttribute('aria-invalid');

  // The next refusal (a new submit clears the error first) shows again.
  rerender(<Form />);
  rerender(<Form error="Title is required." />);
  expect(screen.getByText('Title is required.')).toBeInTheDocument();
});
