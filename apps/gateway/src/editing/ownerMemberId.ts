import { findMembers, type Db } from '@goalpost/db';
import { InputError } from '../errors.ts';
import { localId } from '../schema/globalIds.ts';

/**
 * The owner an update names, checked: undefined leaves it, null clears it, an id must be a Member of
 * this workspace (the owner columns carry no foreign key, so the check is here).
 */
export async function ownerMemberId(db: Db, workspaceId: string, ownerId: string | number | null | undefined, field: string): Promise<string | null | undefined> {
  if (ownerId === undefined || ownerId === null) return ownerId;
  const id = localId(String(ownerId), 'Member', field);
  const [member] = await findMembers(db, workspaceId, [id]);
  if (!member) throw InputError.of([{ field, rule: 'member', message: 'must be the id of a Member of this workspace', params: { type: 'Member' } }]);
  return id;
}
