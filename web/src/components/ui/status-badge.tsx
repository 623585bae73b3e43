import { statusLabels, type Status } from '@/lib/status';

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge badge--${status}`}>{statusLabels[status]}</span>;
}
