import type { AlignmentNode } from './build-tree';

/** Why an objective needs a leader's attention. */
export type AttentionReason = 'at_risk' | 'behind' | 'overdue' | 'low_confidence';

export const attentionReasons: AttentionReason[] = ['at_risk', 'behind', 'overdue', 'low_confidence'];

export const reasonLabels: Record<AttentionReason, string> = {
  at_risk: 'At risk',
  behind: 'Behind',
  overdue: 'Check-in overdue',
  low_confidence: 'Low confidence',
};

/** A confidence of 3 or less makes a key result at risk by the method's rule (docs/method.md, "Progress and status"). */
export const lowConfidence = 3;

export interface AttentionRow {
  node: AlignmentNode;
  reasons: AttentionReason[];
  /** Points the objective trails its expected pace by, 0..1 (0 when ahead). */
  gap: number;
  /** Its key results whose check-in is due. */
  overdue: number;
  /** The lowest confidence among its key results, or null before any check-in. */
  confidence: number | null;
  /** The key results that make it need attention, with why. */
  keyResults: { id: string; title: string; reasons: AttentionReason[] }[];
}

export type AttentionSort = 'gap' | 'confidence' | 'overdue' | 'title';

/**
 * What needs attention in a period's tree: active objectives at risk or behind, or with a key result whose check-in is
 * overdue or whose confidence is low. Closed, archived and draft objectives ask for nothing.
 */
export function attentionRows(items: AlignmentNode[]): AttentionRow[] {
  const rows: AttentionRow[] = [];
  for (const node of items) {
    if (node.state !== 'active') continue;
    const keyResults = node.keyResults.map((kr) => {
      const reasons: AttentionReason[] = [];
      if (kr.status === 'at_risk') reasons.push('at_risk');
      if (kr.status === 'behind') reasons.push('behind');
      if (kr.stale) reasons.push('overdue');
      if (kr.confidence !== null && kr.confidence <= lowConfidence) reasons.push('low_confidence');
      return { id: kr.id, title: kr.title, reasons };
    });
    const reasons = new Set<AttentionReason>();
    if (node.status === 'at_risk') reasons.add('at_risk');
    if (node.status === 'behind') reasons.add('behind');
    keyResults.forEach((kr) => kr.reasons.filter((r) => r === 'overdue' || r === 'low_confidence').forEach((r) => reasons.add(r)));
    if (reasons.size === 0) continue;
    const confidences = node.keyResults.map((kr) => kr.confidence).filter((c): c is number => c !== null);
    rows.push({
      node,
      reasons: attentionReasons.filter((r) => reasons.has(r)),
      gap: Math.max(0, node.expectedProgress - node.progress),
      overdue: node.keyResults.filter((kr) => kr.stale).length,
      confidence: confidences.length ? Math.min(...confidences) : null,
      keyResults: keyResults.filter((kr) => kr.reasons.length > 0),
    });
  }
  return rows;
}

/** Rows with any of the chosen reasons (all rows when none is chosen), sorted worst first by the chosen measure. */
export function filterAndSort(rows: AttentionRow[], reasons: AttentionReason[], sort: AttentionSort): AttentionRow[] {
  const chosen = reasons.length === 0 ? rows : rows.filter((row) => row.reasons.some((r) => reasons.includes(r)));
  const byTitle = (a: AttentionRow, b: AttentionRow) => a.node.title.localeCompare(b.node.title);
  const compare: Record<AttentionSort, (a: AttentionRow, b: AttentionRow) => number> = {
    gap: (a, b) => b.gap - a.gap || byTitle(a, b),
    confidence: (a, b) => (a.confidence ?? 11) - (b.confidence ?? 11) || byTitle(a, b),
    overdue: (a, b) => b.overdue - a.overdue || byTitle(a, b),
    title: byTitle,
  };
  return [...chosen].sort(compare[sort]);
}
