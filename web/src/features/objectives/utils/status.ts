import type { Schemas } from '@/lib/api-client';
import type { Status } from '@/lib/status';

export { statusLabels, type Status } from '@/lib/status';

/** Health sorted worst first, so lists and summaries lead with what needs attention. */
export const statusOrder: Status[] = ['at_risk', 'behind', 'on_track', 'not_started', 'closed'];

export function countByStatus(items: { status: Status }[]): Record<Status, number> {
  const counts: Record<Status, number> = { on_track: 0, behind: 0, at_risk: 0, not_started: 0, closed: 0 };
  for (const item of items) counts[item.status] += 1;
  return counts;
}

export const levelLabels: Record<Schemas['ObjectiveLevel'], string> = {
  company: 'Company',
  team: 'Team',
  individual: 'Individual',
};
