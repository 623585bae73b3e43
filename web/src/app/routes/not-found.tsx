import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/feedback';

export function NotFoundPage() {
  return (
    <EmptyState title="There is no page here" action={<Link to="/" className="button">Go to my OKRs</Link>}>
      The link may be old, or mistyped.
    </EmptyState>
  );
}
