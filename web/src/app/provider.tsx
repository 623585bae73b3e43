import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Toaster } from 'sonner';
import { createQueryClient } from '@/lib/query-client';

export function AppProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  return (
    <QueryClientProvider client={client}>
      {children}
      {/* "Saved" and the like, announced politely to screen readers; out of the way at the bottom. */}
      <Toaster position="bottom-center" closeButton duration={3000} />
    </QueryClientProvider>
  );
}
