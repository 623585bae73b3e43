import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useUserNames } from '@/features/users';
import type { Schemas } from '@/lib/api-client';
import { expectedPace, formatDate, relativeDay } from '@/lib/dates';
import { describeRescope, useCheckIns, useRescopes } from '../api/check-ins';

interface Props {
  keyResult: Schemas['KeyResult'];
  period: Pick<Schemas['Period'], 'startDate' | 'endDate'>;
}

const day = (time: number) => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(time);

/**
 * The value over time against the pace the period asks for, re-scopes marked on it, then every check-in with its note
 * and every re-scope, newest first. Loaded on demand (charts are heavy).
 */
export default function CheckInHistory({ keyResult, period }: Props) {
  const checkIns = useCheckIns(keyResult.id);
  const rescopes = useRescopes(keyResult.id);
  const names = useUserNames();
  if (checkIns.isLoading || rescopes.isLoading) return <Skeleton lines={2} label="Loading the history" />;
  if (checkIns.isError) return <ErrorMessage error={checkIns.error} retry={() => checkIns.refetch()} />;
  const items = checkIns.data?.items ?? [];
  const changes = rescopes.data ?? [];
  const by = (userId?: string | null) => (userId ? names.get(userId) ?? 'someone' : 'an integration');
  const timeline = [
    ...items.map((c) => ({ kind: 'check-in' as const, at: c.measuredAt, checkIn: c })),
    ...changes.map((r) => ({ kind: 'rescope' as const, at: r.at, rescope: r })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const pace = expectedPace(period.startDate, period.endDate, keyResult.baseline, keyResult.target);
  // The actual line starts where the key result started: its baseline, when it was created (or the period began).
  const start = { time: Math.max(pace[0]!.time, Date.parse(keyResult.createdAt)), value: keyResult.baseline };
  const actual = [start, ...[...items].reverse().map((c) => ({ time: Date.parse(c.measuredAt), value: c.value }))];

  return (
    <div className="stack" style={{ marginTop: '0.75rem' }}>
      {/* The check-ins stand on their own: without the re-scopes they are still the history, with a word about what is missing. */}
      {rescopes.isError && <ErrorMessage error={rescopes.error} retry={() => rescopes.refetch()} />}
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
                  {changes.map((r) => (
                    <ReferenceLine key={r.at} x={Date.parse(r.at)} stroke="#b45309" strokeDasharray="2 3" label={{ value: 'Re-scoped', position: 'insideTopLeft', fill: '#92400e', fontSize: 11 }} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <ol className="kr-list" aria-label="Check-ins and re-scopes, newest first">
            {timeline.map((entry) =>
              entry.kind === 'check-in' ? (
                <li key={entry.checkIn.id} className="kr small">
                  <div className="kr__head">
                    <strong>{entry.checkIn.value}</strong>
                    <span className="kr__meta" title={formatDate(entry.checkIn.measuredAt)}>
                      {relativeDay(entry.checkIn.measuredAt)} · confidence {entry.checkIn.confidence}/10 ·{' '}
                      <bdi>{entry.checkIn.authorId ? names.get(entry.checkIn.authorId) ?? 'someone' : 'import'}</bdi> · {entry.checkIn.source}
                    </span>
                  </div>
                  {entry.checkIn.note && <p style={{ margin: '0.25rem 0 0' }}>{entry.checkIn.note}</p>}
                </li>
              ) : (
                <li key={`rescope-${entry.rescope.at}`} className="kr small kr--rescope">
                  <div className="kr__head">
                    <strong>Re-scoped</strong>
                    <span className="kr__meta" title={formatDate(entry.rescope.at)}>
                      {relativeDay(entry.rescope.at)} · {entry.rescope.importId ? 'import' : by(entry.rescope.actorUserId)}
                    </span>
                  </div>
                  <p style={{ margin: '0.25rem 0 0' }}>{describeRescope(entry.rescope)} — progress moved without a check-in.</p>
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </div>
  );
}
