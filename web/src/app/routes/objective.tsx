import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { CheckInDialog } from '@/features/check-ins/components/check-in-dialog';
import { useDeleteKeyResult, useDeleteObjective, useObjective, useObjectives, useUpdateObjective, type KeyResult, type Objective } from '@/features/objectives/api/objectives';
import { ChangeHistory } from '@/features/objectives/components/change-history';
import { CloseObjectiveDialog } from '@/features/objectives/components/close-objective-dialog';
import { stateActionLabel } from '@/features/objectives/utils/state-actions';
import { levelLabels } from '@/features/objectives/utils/status';
import { describeMeasure, formatValue, percent } from '@/features/objectives/utils/wording';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTeamNames } from '@/features/teams/api/teams';
import { useConversations } from '@/features/conversations';
import { CommentThread } from '@/features/discussion';
import { useMe, useUserNames } from '@/features/users/api/users';
import { PersonLink } from '@/features/users/components/person-link';
import { relativeDay } from '@/lib/dates';
import { useTitle } from '@/lib/use-title';
import { AddKeyResult } from './objective-add-key-result';
import { EditKeyResult } from './objective-edit-key-result';

const CheckInHistory = lazy(() => import('@/features/check-ins/components/check-in-history'));

export default function ObjectivePage() {
  const { id = '' } = useParams();
  const objective = useObjective(id);
  useTitle(objective.data?.title);
  if (objective.isLoading) return <Skeleton lines={6} label="Loading the objective" />;
  if (objective.isError) return <ErrorMessage error={objective.error} retry={() => objective.refetch()} />;
  return <ObjectiveDetail objective={objective.data!} />;
}

function ObjectiveDetail({ objective }: { objective: Objective }) {
  const navigate = useNavigate();
  const users = useUserNames();
  const teams = useTeamNames();
  const { periods } = usePeriodSelection();
  const period = periods.find((p) => p.id === objective.periodId);
  const parent = useObjective(objective.parentId ?? '');
  const children = useObjectives({ periodId: objective.periodId, parentId: objective.id });
  const remove = useDeleteObjective();
  const update = useUpdateObjective();
  const { permissions } = objective;
  const owner = objective.ownerId ? users.get(objective.ownerId) : undefined;
  const [closing, setClosing] = useState(false);
  const me = useMe();
  const canComment = me.data !== undefined && me.data.role !== 'viewer';
  // A notification about the objective's comments lands on its discussion.
  useEffect(() => {
    if (window.location.hash === '#discussion') document.getElementById('discussion')?.scrollIntoView();
  }, []);
  const neighbourTitles = new Map([
    ...(parent.data ? [[parent.data.id, parent.data.title] as const] : []),
    ...(children.data?.items ?? []).map((c) => [c.id, c.title] as const),
  ]);

  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link to="/alignment">Alignment</Link>
        {objective.parentId && parent.data && (
          <>
            {' / '}
            <Link to={`/objectives/${parent.data.id}`}>{parent.data.title}</Link>
          </>
        )}
      </nav>
      <div className="page-head">
        <div className="stack" style={{ gap: '0.4rem' }}>
          <span className="row small" style={{ gap: '0.4rem' }}>
            <span className="badge badge--level">{levelLabels[objective.level]}</span>
            <Link to={`/teams/${objective.teamId}`}>{teams.get(objective.teamId) ?? 'Team'}</Link>
            {owner && objective.ownerId && <span className="muted">· <PersonLink id={objective.ownerId} /></span>}
            {objective.state !== 'active' && <span className="badge badge--neutral">{objective.state}</span>}
          </span>
          <h1>{objective.title}</h1>
          {objective.description && <p className="muted">{objective.description}</p>}
          <CarryOverLinks objective={objective} />
          {period?.state === 'closed' && <p className="small muted" style={{ margin: 0 }}>{period.label} is closed: this objective is read-only{permissions.canEdit ? ', but as an admin you may still correct it' : ''}.</p>}
        </div>
        <div className="row">
          {permissions.canAlignChild && (
            <Link to={`/objectives/new?parentId=${objective.id}`} className="button button--secondary">Align a new objective</Link>
          )}
          {permissions.canEdit && <Link to={`/objectives/${objective.id}/edit`} className="button button--secondary">Edit</Link>}
          {permissions.allowedStates.map((to) => (
            <button
              key={to}
              type="button"
              className="button button--secondary"
              disabled={update.isPending}
              onClick={() => {
                // Closing scores the objective (a dialog); archiving takes it out of the tree, so it is asked for in words.
                if (to === 'closed') return setClosing(true);
                if (to === 'archived' && !window.confirm(`Archive “${objective.title}”? It leaves the alignment tree and its progress stops counting; you can restore it as a draft.`)) return;
                update.mutate({ id: objective.id, version: objective.version, changes: { state: to } });
              }}
            >
              {stateActionLabel(objective.state, to)}
            </button>
          ))}
          {permissions.canDelete && (
              <button
                type="button"
                className="button button--danger"
                onClick={() => {
                  if (window.confirm(`Delete “${objective.title}” with its key results and check-ins? Objectives aligned to it stay, detached.`)) {
                    remove.mutate(objective.id, { onSuccess: () => navigate('/') });
                  }
                }}
              >
                Delete
              </button>
          )}
        </div>
      </div>
      {closing && <CloseObjectiveDialog objective={objective} open={closing} onClose={() => setClosing(false)} />}
      {remove.isError && <ErrorMessage error={remove.error} />}
      {update.isError && <ErrorMessage error={update.error} />}

      <section className="card stack" aria-labelledby="progress-heading">
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <h2 id="progress-heading" style={{ margin: 0 }}>Progress</h2>
          <StatusBadge status={objective.status} />
        </div>
        <ProgressBar value={objective.progress} expected={objective.expectedProgress} status={objective.status} label={`Progress of ${objective.title}`} large />
        <p className="small muted" style={{ margin: 0 }}>
          {percent(objective.progress)} done{progressSource(objective)}; {percent(objective.expectedProgress)} expected by now (the tick on the bar).
          {objective.finalScore !== null && ` Closed with a score of ${percent(objective.finalScore)}.`}
        </p>
        {objective.closingComment && <p style={{ margin: 0 }}>{objective.closingComment}</p>}
      </section>

      <section className="stack" aria-labelledby="krs-heading">
        {/* Focus lands here when a key result is removed, so a keyboard user stays in the list instead of the page's top. */}
        <h2 id="krs-heading" tabIndex={-1}>As measured by</h2>
        {objective.keyResults.length === 0 && (
          <p className="muted">No key results yet{(children.data?.items.length ?? 0) > 0 ? ': progress comes from the objectives aligned below.' : '. Add one: every objective needs a number to know when it is reached.'}</p>
        )}
        {objective.keyResults.map((kr) => (
          <KeyResultItem key={kr.id} objective={objective} keyResult={kr} period={period} />
        ))}
        {permissions.canAddKeyResult && <AddKeyResult objectiveId={objective.id} />}
      </section>

      <section className="stack" aria-labelledby="children-heading">
        <h2 id="children-heading">Aligned to this objective</h2>
        {children.isLoading ? (
          <Skeleton lines={2} />
        ) : (children.data?.items.length ?? 0) === 0 ? (
          <p className="muted">Nothing aligns to it yet.</p>
        ) : (
          <ul className="kr-list">
            {children.data!.items.map((child) => (
              <li key={child.id} className="kr">
                <div className="kr__head">
                  <Link to={`/objectives/${child.id}`}>{child.title}</Link>
                  <StatusBadge status={child.status} />
                </div>
                <ProgressBar value={child.progress} status={child.status} label={`Progress of ${child.title}`} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="history-heading">
        <h2 id="history-heading" style={{ margin: 0 }}>History</h2>
        <ChangeHistory objective={objective} objectiveTitles={neighbourTitles} />
      </section>
      <section className="card stack" aria-labelledby="discussion-heading" id="discussion">
        <h2 id="discussion-heading" style={{ margin: 0 }}>Discussion</h2>
        <CommentThread of={{ objectiveId: objective.id }} label={`Comments on ${objective.title}, oldest first`} canComment={canComment} />
      </section>
      <DiscussedIn objectiveId={objective.id} />
    </div>
  );
}

function KeyResultItem({ objective, keyResult: kr, period }: { objective: Objective; keyResult: KeyResult; period?: { startDate: string; endDate: string } }) {
  const { canCheckIn: mayCheckIn, canEdit: mayEdit, canDelete: mayDelete } = kr.permissions;
  const [checkingIn, setCheckingIn] = useState(false);
  const [history, setHistory] = useState(false);
  // A notification about its comments opens its discussion.
  const [discussion, setDiscussion] = useState(() => window.location.hash === `#kr-${kr.id}-discussion`);
  const [editing, setEditing] = useState(false);
  const me = useMe();
  const remove = useDeleteKeyResult();
  const unit = kr.type === 'milestone' ? 'milestone' : kr.unit;

  // Links from "Needs a check-in" and from notifications land on the key result.
  useEffect(() => {
    if (window.location.hash.startsWith(`#kr-${kr.id}`)) document.getElementById(`kr-${kr.id}`)?.scrollIntoView();
  }, [kr.id]);

  return (
    <article id={`kr-${kr.id}`} className="card stack" aria-labelledby={`kr-title-${kr.id}`} style={{ gap: '0.6rem' }}>
      <div className="kr__head">
        <h3 id={`kr-title-${kr.id}`} style={{ margin: 0 }}>{kr.title}</h3>
        <span className="row small" style={{ gap: '0.4rem' }}>
          {kr.stale && <span className="badge badge--behind">Needs a check-in</span>}
          <StatusBadge status={kr.status} />
        </span>
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        {describeMeasure({ ...kr, unit })} · now <strong>{formatValue(kr.currentValue, unit, kr.currencyCode)}</strong>
        {kr.ownerId && <> · <PersonLink id={kr.ownerId} /></>}
        {kr.lastCheckInAt ? ` · last check-in ${relativeDay(kr.lastCheckInAt)}, confidence ${kr.confidence}/10` : ' · no check-in yet'}
        {kr.weight !== 1 && ` · weight ${kr.weight}`}
      </p>
      {kr.lastCheckInNote && (
        <p className="kr__note">
          <span className="visually-hidden">Latest check-in note: </span>
          {kr.lastCheckInNote}
        </p>
      )}
      <ProgressBar value={kr.progress} expected={objective.expectedProgress} status={kr.status} label={`Progress of ${kr.title}`} />
      <div className="row">
        {mayCheckIn && <button type="button" className="button button--small" onClick={() => setCheckingIn(true)}>Check in</button>}
        <button type="button" className="button button--secondary button--small" aria-expanded={history} onClick={() => setHistory(!history)}>
          {history ? 'Hide history' : 'Show history'}
        </button>
        <button type="button" className="button button--secondary button--small" aria-expanded={discussion} onClick={() => setDiscussion(!discussion)}>
          {discussion ? 'Hide discussion' : 'Discuss'}
        </button>
        {mayEdit && (
          <button type="button" className="button button--secondary button--small" aria-expanded={editing} onClick={() => setEditing(!editing)}>Edit</button>
        )}
        {mayDelete && (
          <button
            type="button"
            className="button button--danger button--small"
            onClick={() => {
              if (window.confirm(`Delete the key result “${kr.title}” and its check-ins?`)) {
                remove.mutate(kr.id, { onSuccess: () => document.getElementById('krs-heading')?.focus() });
              }
            }}
          >
            Delete
          </button>
        )}
      </div>
      {remove.isError && <ErrorMessage error={remove.error} />}
      {editing && <EditKeyResult keyResult={kr} onDone={() => setEditing(false)} ownerLocked={!kr.permissions.canChangeOwner} />}
      {history && period && (
        <Suspense fallback={<Skeleton lines={2} label="Loading the chart" />}>
          <CheckInHistory keyResult={kr} period={period} />
        </Suspense>
      )}
      {discussion && (
        <section className="stack" aria-label={`Discussion of ${kr.title}`}>
          <CommentThread of={{ keyResultId: kr.id }} label={`Check-ins and comments on ${kr.title}, oldest first`} canComment={me.data !== undefined && me.data.role !== 'viewer'} />
        </section>
      )}
      {checkingIn && <CheckInDialog objectiveId={objective.id} keyResult={kr} open={checkingIn} onClose={() => setCheckingIn(false)} />}
    </article>
  );
}

/** Where the progress comes from, in words (docs/method.md, "Roll-up"), as the API computed it (keyResultShare). */
function progressSource(objective: Objective): string {
  const share = objective.keyResultShare;
  if (share === 1) return objective.keyResults.length > 0 ? ' (from its key results)' : '';
  if (share === 0) return ' (from the objectives aligned to it)';
  return ` (${percent(share)} from its key results, ${percent(1 - share)} from the objectives aligned to it)`;
}

/** Where an objective came from and went to across periods (carry-over), with the other period's name. */
function CarryOverLinks({ objective }: { objective: Objective }) {
  const from = useObjective(objective.carriedOverFromId ?? '');
  const to = useObjective(objective.carriedOverToId ?? '');
  const { periods } = usePeriodSelection();
  const label = (periodId?: string) => periods.find((p) => p.id === periodId)?.label ?? 'another period';
  if (!objective.carriedOverFromId && !objective.carriedOverToId) return null;
  return (
    <p className="small row" style={{ margin: 0, gap: '0.75rem' }}>
      {objective.carriedOverFromId && (
        <span>Carried over from <Link to={`/objectives/${objective.carriedOverFromId}`}>{from.data ? `${label(from.data.periodId)}` : 'an earlier period'}</Link></span>
      )}
      {objective.carriedOverToId && (
        <span>Carried over to <Link to={`/objectives/${objective.carriedOverToId}`}>{to.data ? `${label(to.data.periodId)}` : 'a later period'}</Link></span>
      )}
    </p>
  );
}

/** The 1:1s whose agenda took up this objective (only those the reader takes part in, or all for admins). */
function DiscussedIn({ objectiveId }: { objectiveId: string }) {
  const conversations = useConversations({ objectiveId });
  const names = useUserNames();
  const items = conversations.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="discussed-heading">
      <h2 id="discussed-heading">Discussed in 1:1s</h2>
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <Link to={`/conversations/${c.id}`}>{c.title} with <bdi>{names.get(c.employeeId) ?? 'someone'}</bdi></Link>
            <span className="small muted"> · {new Date(c.heldAt ?? c.scheduledAt).toLocaleDateString()} · {c.state}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
