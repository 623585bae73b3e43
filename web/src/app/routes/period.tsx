import { useMemo, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Dialog } from '@/components/ui/dialog';
import { EmptyState, ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import { ProgressBar } from '@/components/ui/progress-bar';
import { useCarryOverPeriod, useMovePeriod, usePeriodReview, useScoreObjective, type PeriodReview, type ReviewItem } from '@/features/cycle/api/cycle';
import { ScoreChart } from '@/features/cycle/components/score-chart';
import { useObjectives } from '@/features/objectives/api/objectives';
import { levelLabels } from '@/features/objectives/utils/status';
import { formatValue } from '@/features/objectives/utils/wording';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useMe } from '@/features/users/api/users';
import { ApiError, type Schemas } from '@/lib/api-client';
import { percent } from '@/lib/status';
import { daysUntil } from '@/lib/dates';
import { useTitle } from '@/lib/use-title';

type Period = Schemas['Period'];

const stateWords: Record<Period['state'], string> = {
  planning: 'In planning: objectives can be drafted and published; check-ins open when it starts.',
  active: 'Active: check in as you go, then score and close it at the end.',
  closed: 'Closed: its OKRs are read-only (admins may still correct them).',
};

/** A period's cycle for admins and leads: its state and next step, the closing review, scoring, closing, and carry-over. */
export default function PeriodPage() {
  const { id } = useParams();
  const { periods, period: selected, isLoading, error, retry } = usePeriodSelection();
  // The address names the period (the switcher at the top follows it here); /periods alone shows the one chosen.
  const period = id ? periods.find((p) => p.id === id) : selected;
  useTitle(period ? `Period ${period.label}` : 'Periods');

  if (isLoading) return <Skeleton lines={5} label="Loading periods" />;
  if (error) return <ErrorMessage error={error} retry={retry} />;
  if (!period) return <EmptyState title="No such period">Pick one from the list of periods, or ask an admin to create one.</EmptyState>;

  return (
    <div className="stack">
      <div className="page-head">
        <div className="stack" style={{ gap: '0.3rem' }}>
          <h1>Period {period.label}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {period.startDate} – {period.endDate} · <span className={`badge ${period.state === 'closed' ? 'badge--neutral' : 'badge--level'}`}>{period.state}</span>
          </p>
          <p style={{ margin: 0 }}>{period.state === 'active' && daysUntil(period.startDate) > 0 ? `Active, starting ${period.startDate}: check-ins open then.` : stateWords[period.state]}</p>
          <p className="small muted" style={{ margin: 0 }}>Choose another period with the switcher at the top.</p>
        </div>
      </div>
      <PeriodCycle key={period.id} period={period} periods={periods} />
    </div>
  );
}

function PeriodCycle({ period, periods }: { period: Period; periods: Period[] }) {
  const me = useMe();
  const [page, setPage] = useState(1);
  const review = usePeriodReview(period.id, page);
  const isAdmin = me.data?.role === 'admin';
  const leads = me.data?.memberships.some((m) => m.role === 'lead') ?? false;

  if (review.isLoading) return <Skeleton lines={6} label="Loading the closing review" />;
  if (review.isError) return <ErrorMessage error={review.error} retry={() => review.refetch()} />;
  const data = review.data!;
  const pages = Math.max(1, Math.ceil(data.totalCount / data.pageSize));
  const scores = data.items.filter((i) => i.finalScore !== null).map((i) => i.finalScore!);

  return (
    <>
      {isAdmin && <PeriodActions period={period} review={data} />}
      <section className="card stack" aria-labelledby="summary-heading">
        <h2 id="summary-heading">{period.state === 'closed' ? 'How the period ended' : 'How the period stands'}</h2>
        <div className="stat-grid">
          <Stat label="Objectives" value={data.summary.objectives} />
          <Stat label="Closed" value={data.summary.closed} />
          <Stat label="Scored" value={data.summary.scored} />
          <Stat label="Average score" value={data.summary.averageScore == null ? '—' : percent(data.summary.averageScore)} />
          <Stat label="Achieved (≥ 70%)" value={data.summary.achieved} />
          <Stat label="Missed" value={data.summary.missed} />
        </div>
        <ScoreChart review={data} scores={scores} />
      </section>

      <section className="card stack" aria-labelledby="review-heading">
        <h2 id="review-heading">Closing review</h2>
        {data.totalCount === 0 ? (
          <p className="muted">No active or closed objectives you can see in this period.</p>
        ) : (
          <>
            <p className="small muted" style={{ margin: 0 }}>
              The suggested score is the progress reached. Saving a score closes the objective with it; closing the period scores every objective still open with its progress.
            </p>
            <div className="table-scroll">
              <table className="review-table">
                <thead>
                  <tr>
                    <th scope="col">Objective</th>
                    <th scope="col">Progress</th>
                    <th scope="col">Score</th>
                    <th scope="col">Comment</th>
                    <th scope="col"><span className="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <ReviewRow key={item.objectiveId} item={item} editable={(isAdmin || leads) && (period.state !== 'closed' || isAdmin)} />
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 && (
              <div className="row">
                <button type="button" className="button button--secondary button--small" disabled={page <= 1} onClick={() => setPage(page - 1)}>Previous</button>
                <span className="small">Page {page} of {pages}</span>
                <button type="button" className="button button--secondary button--small" disabled={page >= pages} onClick={() => setPage(page + 1)}>Next</button>
              </div>
            )}
          </>
        )}
      </section>

      {(isAdmin || leads) && period.state !== 'planning' && <CarryOver period={period} periods={periods} review={data} />}
    </>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="stat">
      <span className="stat__value">{value}</span>
      <span className="small muted">{label}</span>
    </div>
  );
}

function PeriodActions({ period, review }: { period: Period; review: PeriodReview }) {
  const move = useMovePeriod();
  // Pinned before it moves: otherwise, with no active period left, the choice at the top would jump to another one
  // as soon as the periods are read again (and this page with it).
  const { select } = usePeriodSelection();
  const [confirming, setConfirming] = useState(false);
  const open = review.summary.objectives - review.summary.closed;
  if (period.state === 'closed') return null;
  const next = period.state === 'planning' ? 'active' : 'closed';

  return (
    <div className="card row" style={{ justifyContent: 'space-between' }}>
      <span>{next === 'active' ? 'Ready to start? Check-ins open once the period is active and its start date has come.' : 'At the end of the period, close it: scores are recorded and the period becomes read-only.'}</span>
      <button type="button" className="button" disabled={move.isPending} onClick={() => {
        if (next === 'closed') return setConfirming(true);
        select(period.id);
        move.mutate({ period, state: next });
      }}>
        {next === 'active' ? 'Start period' : 'Close period'}
      </button>
      {move.isError && <ErrorMessage error={move.error} />}
      <Dialog open={confirming} title={`Close ${period.label}?`} onClose={() => setConfirming(false)}>
        <p>
          {open === 1 ? '1 objective is' : `${open} objectives are`} still open: each is closed with its progress as the final score (scores you saved stay).
          Drafts are archived. Afterwards the period is read-only for everyone but admins. This cannot be undone.
        </p>
        {move.isError && <ErrorMessage error={move.error} />}
        <div className="row">
          <button type="button" className="button" disabled={move.isPending} aria-busy={move.isPending}
            onClick={() => {
              select(period.id);
              move.mutate({ period, state: 'closed' }, { onSuccess: () => setConfirming(false) });
            }}>
            {move.isPending ? 'Closing…' : 'Close period'}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      </Dialog>
    </div>
  );
}

function ReviewRow({ item, editable }: { item: ReviewItem; editable: boolean }) {
  const score = useScoreObjective();
  const initial = Math.round((item.finalScore ?? item.suggestedScore) * 100);
  const [value, setValue] = useState(String(initial));
  const [comment, setComment] = useState(item.closingComment ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = `score-${item.objectiveId}`;

  const save = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value.trim().replace(',', '.'));
    if (value.trim() === '' || Number.isNaN(number) || number < 0 || number > 100) {
      setProblem('A score is a percentage from 0 to 100.');
      return;
    }
    setProblem(null);
    score.mutate({ objectiveId: item.objectiveId, finalScore: Math.round(number) / 100, closingComment: comment.trim() || null });
  };
  const error = problem ?? (score.error instanceof ApiError ? score.error.fieldError('finalScore') ?? score.error.message : score.error ? String(score.error) : null);

  return (
    <tr>
      <td className="review-title">
        <Link to={`/objectives/${item.objectiveId}`}>{item.title}</Link>
        <div className="small row" style={{ gap: '0.3rem' }}>
          <span className="badge badge--level">{levelLabels[item.level]}</span>
          {item.state === 'closed' && <span className="badge badge--neutral">closed</span>}
          {item.carriedOverToId && <Link to={`/objectives/${item.carriedOverToId}`}>carried over →</Link>}
        </div>
      </td>
      <td style={{ minWidth: '9rem' }}>
        <ProgressBar value={item.progress} label={`Progress of ${item.title}`} />
      </td>
      {editable ? (
        <>
          <td>
            <form id={`form-${item.objectiveId}`} onSubmit={save} noValidate>
              <label htmlFor={inputId} className="visually-hidden">Score of {item.title}, in percent</label>
              <input id={inputId} type="number" min={0} max={100} step={1} value={value} onChange={(e) => setValue(e.target.value)}
                aria-invalid={error ? true : undefined} aria-describedby={error ? `${inputId}-error` : undefined} />
              <span className="small muted"> %</span>
            </form>
            {error && <div id={`${inputId}-error`} className="small" role="alert" style={{ color: 'var(--at-risk)' }}>{error}</div>}
          </td>
          <td>
            <label htmlFor={`comment-${item.objectiveId}`} className="visually-hidden">Closing comment for {item.title}</label>
            <input id={`comment-${item.objectiveId}`} form={`form-${item.objectiveId}`} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} placeholder="What we learned" />
          </td>
          <td>
            <button type="submit" form={`form-${item.objectiveId}`} className="button button--small" disabled={score.isPending}>
              {score.isPending ? 'Saving…' : item.state === 'closed' ? 'Update score' : 'Score and close'}
            </button>
            {score.isSuccess && <span className="small muted" role="status"> Saved</span>}
          </td>
        </>
      ) : (
        <>
          <td>{item.finalScore === null ? <span className="muted">suggested {percent(item.suggestedScore)}</span> : percent(item.finalScore)}</td>
          <td>{item.closingComment ?? ''}</td>
          <td />
        </>
      )}
    </tr>
  );
}

function CarryOver({ period, periods, review }: { period: Period; periods: Period[]; review: PeriodReview }) {
  const targets = periods.filter((p) => p.id !== period.id && p.state !== 'closed');
  const [target, setTarget] = useState(targets[0]?.id ?? '');
  const candidates = review.items.filter((i) => i.carriedOverToId === null && i.progress < 1);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(candidates.map((c) => c.objectiveId)));
  const objectives = useObjectives({ periodId: period.id });
  const carry = useCarryOverPeriod();
  const byId = useMemo(() => new Map((objectives.data?.items ?? []).map((o) => [o.id, o])), [objectives.data]);

  if (targets.length === 0) {
    return (
      <section className="card stack" aria-labelledby="carry-heading">
        <h2 id="carry-heading">Carry over</h2>
        <p className="muted">There is no open period to carry into yet. An admin can create the next one (Admin → Periods).</p>
      </section>
    );
  }

  const chosen = candidates.filter((c) => ticked.has(c.objectiveId));
  const toggle = (id: string) => setTicked((before) => {
    const next = new Set(before);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });

  return (
    <section className="card stack" aria-labelledby="carry-heading">
      <h2 id="carry-heading">Carry over</h2>
      <p className="small muted" style={{ margin: 0 }}>
        Unfinished objectives continue in the next period: the copy keeps title, description, team, owner and weight; key results not yet
        done come along, starting where they got to. Objectives still open here are closed with their progress as the score.
      </p>
      {candidates.length === 0 ? (
        <p className="muted">Nothing left to carry over: every objective here is done or already carried over.</p>
      ) : (
        <form className="stack" onSubmit={(event) => {
          event.preventDefault();
          carry.mutate({ periodId: period.id, body: { toPeriodId: target, objectiveIds: chosen.map((c) => c.objectiveId) } });
        }}>
          <SelectField label="Into" value={target} onChange={(event) => setTarget(event.target.value)}>
            {targets.map((p) => <option key={p.id} value={p.id}>{p.label} ({p.state})</option>)}
          </SelectField>
          <fieldset className="stack" style={{ border: 'none', padding: 0, margin: 0 }}>
            <legend className="label">Objectives ({chosen.length} of {candidates.length} chosen)</legend>
            <ul className="carry-list">
              {candidates.map((c) => {
                const pending = (byId.get(c.objectiveId)?.keyResults ?? []).filter((kr) => kr.progress < 1);
                return (
                  <li key={c.objectiveId}>
                    <label className="row" style={{ gap: '0.5rem', alignItems: 'flex-start' }}>
                      <input type="checkbox" checked={ticked.has(c.objectiveId)} onChange={() => toggle(c.objectiveId)} />
                      <span>
                        <strong>{c.title}</strong> <span className="small muted">· {percent(c.progress)} done</span>
                        {ticked.has(c.objectiveId) && pending.length > 0 && (
                          <span className="small muted" style={{ display: 'block' }}>
                            Comes along: {pending.map((kr) => `${kr.title} (from ${formatValue(kr.currentValue, kr.unit, kr.currencyCode)} to ${formatValue(kr.target, kr.unit, kr.currencyCode)})`).join('; ')}
                          </span>
                        )}
                      </span>
                    </label>
                  </li>
                );
              })}
            </ul>
          </fieldset>
          <div className="row">
            <button type="submit" className="button" disabled={carry.isPending || chosen.length === 0 || !target} aria-busy={carry.isPending}>
              {carry.isPending ? 'Carrying over…' : `Carry over ${chosen.length === 1 ? '1 objective' : `${chosen.length} objectives`}`}
            </button>
            {carry.isPending && <progress aria-label="Carrying over" />}
          </div>
        </form>
      )}
      {carry.isError && <ErrorMessage error={carry.error} />}
      {carry.data && (
        <div className="alert alert--info" role="status">
          Carried over {carry.data.carried.length === 1 ? '1 objective' : `${carry.data.carried.length} objectives`}
          {carry.data.carried.length > 0 && <> into {targets.find((p) => p.id === target)?.label}</>}.
          {carry.data.skipped.length > 0 && (
            <ul>{carry.data.skipped.map((s) => <li key={s.objectiveId}>{review.items.find((i) => i.objectiveId === s.objectiveId)?.title ?? s.objectiveId}: {s.reason}</li>)}</ul>
          )}
        </div>
      )}
    </section>
  );
}
