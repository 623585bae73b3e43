import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { Dialog } from './dialog';

function Opener({ unmountOnClose }: { unmountOnClose: boolean }) {
  const [open, setOpen] = useState(false);
  const dialog = (
    <Dialog open={open} title="Check in" onClose={() => setOpen(false)}>
      <button type="button" onClick={() => setOpen(false)}>Done</button>
    </Dialog>
  );
  return (
    <>
      <button type="button">Somewhere else</button>
      <button type="button" onClick={() => setOpen(true)}>Check in</button>
      {unmountOnClose ? open && dialog : dialog}
    </>
  );
}

it.each([false, true])('gives focus back to the button that opened it (unmounted on close: %s)', async (unmountOnClose) => {
  const user = userEvent.setup();
  render(<Opener unmountOnClose={unmountOnClose} />);
  await user.click(screen.getByRole('button', { name: 'Check in' }));
  await user.click(screen.getByRole('button', { name: 'Done' }));
  await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Check in' })).toHaveFocus());
});
