import { useParams } from 'react-router';
import { ErrorMessage, Skeleton } from '@/components/ui/feedback';
import { useObjective } from '@/features/objectives/api/objectives';
import { ObjectiveForm } from '@/features/objectives/components/objective-form';
import { usePeriodSelection } from '@/features/periods/components/period-context';
import { useTitle } from '@/lib/use-title';

export default function EditObjectivePage() {
  const { id = '' } = useParams();
  const objective = useObjective(id);
  const { periods, isLoading, error, retry } = usePeriodSelection();
  useTitle(objective.data ? `Edit ${objective.data.title}` : 'Edit objective');
  if (objective.isLoading) return <Skeleton lines={4} />;
  if (objective.isError) return <ErrorMessage error={objective.error} retry={() => objective.refetch()} />;
  if (error) return <ErrorMessage error={error} retry={retry} />;
  const period = periods.find((p) => p.id === objective.data!.periodId);
  if (!period) return isLoading ? <Skeleton lines={4} /> : <ErrorMessage error={new Error('period')} />;
  return (
    <>
      <div className="page-head">
        <h1>Edit objective</h1>
      </div>
      <ObjectiveForm period={period} existing={objective.data} />
    </>
  );
}
