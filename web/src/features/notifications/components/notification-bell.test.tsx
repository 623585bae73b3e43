import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, vi } from 'vitest';
import { NotificationBell } from './notification-bell';

afterEach(() => vi.unstubAllGlobals());

const renderBell = (count: number) => {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ count }), { status: 200, headers: { 'Content-Type': 'application/json' } })));
  render(<MemoryRouter><QueryClientProvider client={new QueryClient()}><NotificationBell /></QueryClientProvider></MemoryRouter>);
};

it('names the unread count for screen readers and shows it on the bell', async () => {
  renderBell(3);
  const link = await screen.findByRole('link', { name: 'Notifications, 3 unread' });
  expect(link).toHaveAttribute('href', '/notifications');
  expect(screen.getByTestId('unread-count')).toHaveTextContent('3');
});

it('shows no number when everything is read', async () => {
  renderBell(0);
  expect(await screen.findByRole('link', { name: 'Notifications' })).toBeInTheDocument();
  expect(screen.queryByTestId('unread-count')).toBeNull();
});
