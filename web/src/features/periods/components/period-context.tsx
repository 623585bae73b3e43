import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Schemas } from '@/lib/api-client';
import { usePeriods } from '../api/periods';

type Period = Schemas['Period'];

interface PeriodSelection {
  period: Period | undefined;
  periods: Period[];
  isLoading: boolean;
  error: unknown;
  retry: () => void;
  select: (id: string) => void;
}

const Context = createContext<PeriodSelection | null>(null);
const KEY = 'okr.period';

/** The period the person is looking at, shared by every screen and remembered across visits. */
export function PeriodProvider({ children }: { children: ReactNode }) {
  const { data, isLoading, error, refetch } = usePeriods();
  const [selected, setSelected] = useState<string | null>(() => localStorage.getItem(KEY));
  const items = useMemo(() => data?.items ?? [], [data]);

  // A remembered period that no longer exists falls back to the active one, then to the first.
  const period = items.find((p) => p.id === selected) ?? items.find((p) => p.state === 'active') ?? items[0];

  const value = useMemo<PeriodSelection>(
    () => ({
      period,
      periods: items,
      isLoading,
      error,
      retry: () => void refetch(),
      select: (id) => {
        localStorage.setItem(KEY, id);
        setSelected(id);
      },
    }),
    [period, items, isLoading, error, refetch],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePeriodSelection() {
  const value = useContext(Context);
  if (!value) throw new Error('usePeriodSelection needs a PeriodProvider');
  return value;
}
