import { useLocation, useNavigate } from 'react-router';
import { usePeriodSelection } from './period-context';

const stateWords = { planning: 'planning', active: 'active', closed: 'closed' } as const;

export function PeriodSwitcher() {
  const { period, periods, select } = usePeriodSelection();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (periods.length === 0) return null;
  // On a period's own page the address names the period: switching moves to the other one's page.
  const id = /^\/periods\/([^/]+)/.exec(pathname)?.[1];
  const onPeriodPage = id !== undefined;
  const shown = onPeriodPage && periods.some((p) => p.id === id) ? id : period?.id;
  return (
    <label className="row small" style={{ gap: '0.4rem' }}>
      <span className="muted">Period</span>
      <select
        value={shown ?? ''}
        onChange={(event) => {
          select(event.target.value);
          if (onPeriodPage) navigate(`/periods/${event.target.value}`);
        }} style={{ font: 'inherit', padding: '0.3rem 0.5rem', borderRadius: 8, border: '1px solid #b9bfd3' }}>
        {periods.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label} ({stateWords[p.state]})
          </option>
        ))}
      </select>
    </label>
  );
}
