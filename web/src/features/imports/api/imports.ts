import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';
import type { ImportFormat } from '../utils/import-file';

const contentTypes: Record<ImportFormat, string> = { csv: 'text/csv', json: 'application/json' };

/** Sends a file to POST /imports as it is (the server streams it); a dry run checks and reports without writing. */
export function useRunImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, format, dryRun, invite = false }: { file: Blob; format: ImportFormat; dryRun: boolean; invite?: boolean }) =>
      unwrap(
        api.POST('/api/v1/imports', {
          params: { query: invite ? { dryRun, invite } : { dryRun } },
          // The body goes out untouched: a CSV file or a JSON document, whatever its size.
          body: file as unknown as Schemas['ImportDocument'],
          bodySerializer: (body) => body as unknown as BodyInit,
          headers: { 'Content-Type': contentTypes[format] },
        }),
      ),
    // Whatever it changed (or just the list of imports, after a dry run) is read again.
    onSettled: (job) => void client.invalidateQueries(job && !job.dryRun ? undefined : { queryKey: ['imports'] }),
  });
}

/** Downloads GET /exports as a file named like the server suggests. */
export async function downloadExport(format: ImportFormat, periodId?: string) {
  const blob = await unwrap(
    api.GET('/api/v1/exports', { params: { query: { format, periodId } }, parseAs: 'blob' }) as Promise<{ data?: Blob; error?: unknown; response: Response }>,
  );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `okrs.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const getImportsQueryOptions = () =>
  queryOptions({ queryKey: ['imports'], queryFn: () => unwrap(api.GET('/api/v1/imports', { params: { query: { pageSize: 10 } } })) });

/** The latest imports: all of them for admins. */
export const useImports = () => useQuery(getImportsQueryOptions());
