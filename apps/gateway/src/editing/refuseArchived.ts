import { InputError } from '../errors.ts';

/** Archived things keep their history but take no more changes: restore is not offered, so say so. */
export function refuseArchived(row: { archived_at: Date | null }, field: string, what: string): void {
  if (row.archived_at !== null) {
    throw InputError.of([{ field, rule: 'archived', message: `the ${what} was removed (archived with its history on ${row.archived_at.toISOString()}) and can no longer be changed`, params: { what, archivedAt: row.archived_at.toISOString() } }]);
  }
}
