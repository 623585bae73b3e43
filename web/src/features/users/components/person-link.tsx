import { Link } from 'react-router';
import { useUserNames } from '../api/users';

/** A person's name that leads to their page (their objectives, key results, teams and manager). */
export function PersonLink({ id, fallback = 'someone' }: { id: string; fallback?: string }) {
  const names = useUserNames();
  return <Link to={`/people/${id}`}><bdi>{names.get(id) ?? fallback}</bdi></Link>;
}
