/** An owner's name from the members by Member id; `none` when unowned, the id itself when no member has it. */
export function ownerName(names: Map<string, string>, ownerId: string | null | undefined, none: string): string {
  if (!ownerId) return none;
  return names.get(ownerId) ?? ownerId;
}
