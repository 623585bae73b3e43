import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useUserNames } from '@/features/users';
import type { Schemas } from '@/lib/api-client';
import { expectedPace, formatDate, relativeDay } from '@/lib/dates';
import { useCheckIns } from '../api/check-ins';

interface Props {
  keyResult: Schemas['KeyResult'];
  period: Pick<Schemas['Period'], 'startDate' | 'endDate'>;
}

const day = (time: number) => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(time);

/** The value over time against the pace the period asks for, then every check-in with its note. Loaded on demand (charts are heavy). */
export default function CheckInHistory({ keyResult, period }: Props) {
  const checkIns = useCheckIns(keyResult.id);
  const names = useUserNames();
  if (checkIns.isLoading) return <Skeleton lines={2} label="Loading the history" />;
  if (checkIns.isError) return <ErrorMessage error={checkIns.error} retry={() => checkIns.refetch()} />;
  const items = checkIns.data?.items ?? [];
  const pace = expectedPace(period.startDate, period.endDate, keyResult.baseline, keyResult.target);
  // The actual line starts where the key result started: its baseline, when it was created (or the period began).
  const start = { time: Math.max(pace[0]!.time, Date.parse(keyResult.createdAt)), value: keyResult.baseline };
  const actual = [start, ...[...items].reverse().map((c) => ({ time: Date.parse(c.measuredAt), value: c.value }))];

  return (
    <div className="stack" style={{ marginTop: '0.75rem' }}>
      {items.length === 0 ? (
        <p className="muted small">No check-ins yet. The first one starts the history.</p>
      ) : (
        <>
          <figure style={{ margin: 0 }} aria-label={`Chart of ${keyResult.title}: ${items.length} check-ins against the expected pace`}>
            <div style={{ width: '100%', height: 220 }}>
              <ResponsiveContainer>
                <LineChart margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e5e7f0" />
                  <XAxis dataKey="time" type="number" scale="time" domain={[pace[0]!.time, pace[1]!.time]} tickFormatter={day} />
                  <YAxis width={56} domain={['auto', 'auto']} />
                  <Tooltip labelFormatter={(time) => day(Number(time))} />
                  <Legend />
                  <Line data={pace} dataKey="value" name="Expected pace" stroke="#9ca3af" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
                  <Line data={actual} dataKey="value" name="Actual" stroke="#4338ca" strokeWidth={2} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <ol className="kr-list" aria-label="Check-ins, newest first">
            {items.map((c) => (
              <li key={c.id} className="kr small">
                <div className="kr__head">
                  <strong>{c.value}</strong>
                  <span className="kr__meta" title={formatDate(c.measuredAt)}>
                    {relativeDay(c.measuredAt)} · confidence {c.confidence}/10 · {c.authorId ? names.get(c.authorId) ?? 'someone' : 'import'} · {c.source}
                  </span>
                </div>
                {c.note && <p style={{ margin: '0.25rem 0 0' }}>{c.note}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
