import { decodeGlobalID } from '@pothos/plugin-relay';
import { InputError } from '../errors.ts';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The row id inside a global id, checked to be of the expected type; an InputError naming the field otherwise. */
export function localId(globalId: string, typename: string, field: string): string {
  let decoded: { typename: string; id: string } | null = null;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = null;
  }
  if (!decoded || decoded.typename !== typename || !uuid.test(decoded.id)) {
    throw new InputError(`${field}: expected the id of a ${typename}.`, [
      { field, rule: `id:${typename}`, message: `must be the id of a ${typename}, as returned by the API` },
    ]);
  }
  return decoded.id;
}
