import { ApiError } from '@/lib/api-client';
import { countRows, detectFormat, importErrorsOf, locationOf, summarise } from './import-file';

it('tells CSV from JSON by type or name', () => {
  expect(detectFormat({ name: 'okrs.CSV', type: '' })).toBe('csv');
  expect(detectFormat({ name: 'export', type: 'application/json' })).toBe('json');
  expect(detectFormat({ name: 'sheet.xlsx', type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })).toBeNull();
});

it('names rows for CSV and paths for JSON', () => {
  expect(locationOf({ row: 12, path: null, field: 'team', message: 'x' })).toBe('Row 12');
  expect(locationOf({ row: null, path: '$.keyResults[3]', field: 'target', message: 'x' })).toBe('$.keyResults[3]');
});

it('reads the error list of a refused import only', () => {
  const refused = new ApiError({ status: 422, title: 'The import has 1201 errors.', errors: [{ row: 2, path: null, field: 'team', message: 'No' }] as never, errorCount: 1201 } as never);
  expect(importErrorsOf(refused)).toEqual({ errors: [{ row: 2, path: null, field: 'team', message: 'No' }], total: 1201 });
  expect(importErrorsOf(new ApiError({ status: 400, errors: { body: ['bad'] } }))).toEqual({ errors: [], total: 0 });
  expect(importErrorsOf(new Error('x'))).toEqual({ errors: [], total: 0 });
});

it('lists only the kinds the import touched', () => {
  const none = { created: 0, updated: 0, unchanged: 0 };
  const rows = countRows({ teams: none, users: none, memberships: none, periods: none, objectives: { created: 2, updated: 0, unchanged: 1 }, keyResults: { created: 0, updated: 1, unchanged: 0 }, checkIns: none });
  expect(rows.map((r) => r.label)).toEqual(['Objectives', 'Key results']);
  expect(rows[0]).toMatchObject({ created: 2, unchanged: 1 });
});

it('sums an import up in one line', () => {
  const none = { created: 0, updated: 0, unchanged: 0 };
  expect(summarise({ teams: none, users: { created: 1, updated: 0, unchanged: 2 }, memberships: none, periods: none, objectives: { created: 2, updated: 1, unchanged: 0 }, keyResults: none, checkIns: none }))
    .toBe('3 created, 1 updated, 2 unchanged');
  expect(summarise(null)).toBe('');
});
