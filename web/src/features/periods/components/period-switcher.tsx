import { usePeriodSelection } from './period-context';

const stateWords = { planning: 'planning', active: 'active', closed: 'closed' } as const;

export function PeriodSwitcher() {
  const { period, periods, select } = usePeriodSelection();
  if (periods.length === 0) return null;
  return (
    <label className="row small" style={{ gap: '0.4rem' }}>
      <span className="muted">Period</span>
      <select value={period?.id ?? ''} onChange={(event) => select(event.target.value)} style={{ font: 'inherit', padding: '0.3rem 0.5rem', borderRadius: 8, border: '1px solid #b9bfd3' }}>
        {periods.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label} ({stateWords[p.state]})
          </option>
        ))}
      </select>
    </label>
  );
}
