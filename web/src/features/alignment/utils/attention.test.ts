import { describe, expect, it } from 'vitest';
import { attentionRows, filterAndSort } from './attention';
import type { AlignmentNode } from './build-tree';

type KeyResult = AlignmentNode['keyResults'][number];
const kr = (over: Partial<KeyResult>): KeyResult => ({ id: 'k', title: 'k', progress: 0.5, status: 'on_track', confidence: 6, lastCheckInAt: null, stale: false, ...over });
const node = (id: string, over: Partial<AlignmentNode>): AlignmentNode => ({
  id, parentId: null, level: 'team', title: id, teamId: 't', ownerId: null, state: 'active', weight: 1, progressFrom: 'key_results',
  progress: 0.5, expectedProgress: 0.5, status: 'on_track', keyResults: [], ...over,
});

describe('attentionRows', () => {
  const items = [
    node('Fine', { keyResults: [kr({})] }),
    node('Risky', { status: 'at_risk', progress: 0.1, expectedProgress: 0.6, keyResults: [kr({ id: 'r', status: 'at_risk', confidence: 2 })] }),
    node('Late', { status: 'behind', progress: 0.35, expectedProgress: 0.5, keyResults: [kr({ id: 'l1', stale: true }), kr({ id: 'l2', stale: true })] }),
    node('Closed', { state: 'closed', status: 'closed', keyResults: [kr({ stale: true, confidence: 1 })] }),
    node('Unsure', { keyResults: [kr({ id: 'u', confidence: 3 })] }),
  ];
  const rows = attentionRows(items);

  it('lists what is at risk, behind, overdue or low in confidence, and never what is closed', () => {
    expect(rows.map((r) => [r.node.title, r.reasons])).toEqual([
      ['Risky', ['at_risk', 'low_confidence']],
      ['Late', ['behind', 'overdue']],
      ['Unsure', ['low_confidence']],
    ]);
    expect(rows[1]!.overdue).toBe(2);
    expect(rows[0]!.keyResults).toEqual([{ id: 'r', title: 'k', reasons: ['at_risk', 'low_confidence'] }]);
  });

  it('filters by the chips chosen and sorts worst first', () => {
    expect(filterAndSort(rows, ['at_risk'], 'gap').map((r) => r.node.title)).toEqual(['Risky']);
    expect(filterAndSort(rows, [], 'gap').map((r) => r.node.title)).toEqual(['Risky', 'Late', 'Unsure']);
    expect(filterAndSort(rows, [], 'confidence').map((r) => r.node.title)).toEqual(['Risky', 'Unsure', 'Late']);
    expect(filterAndSort(rows, ['overdue', 'low_confidence'], 'overdue').map((r) => r.node.title)).toEqual(['Late', 'Risky', 'Unsure']);
  });
});
