import { useSearchParams } from 'react-router';
import { EmptyState, Skeleton } from '@/components/ui/feedback';
import { ObjectiveForm } from '@/features/objectives/components/objective-form';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTitle } from '@/lib/use-title';

export default function NewObjectivePage() {
  useTitle('New objective');
  const { period, isLoading } = usePeriodSelection();
  const [search] = useSearchParams();
  if (isLoading) return <Skeleton lines={4} />;
  if (!period) return <EmptyState title="No period to set objectives in">Ask an admin to create a period first.</EmptyState>;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>New objective</h1>
          <p>For {period.label}.</p>
        </div>
      </div>
      <ObjectiveForm period={period} initialParentId={search.get('parentId') ?? undefined} />
    </>
  );
}
