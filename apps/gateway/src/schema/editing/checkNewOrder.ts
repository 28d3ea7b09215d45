import { InputError, type InputIssue } from '../../errors.ts';

/** A new order must name every current item exactly once, and nothing else: refuses it otherwise, naming what is off. */
export function checkNewOrder(field: string, what: string, current: readonly string[], wanted: readonly string[]): void {
  const known = new Set(current);
  const seen = new Set<string>();
  const issues = wanted.flatMap((id, i): InputIssue[] => {
    if (!known.has(id)) return [{ field: `${field}[${i}]`, rule: 'member', message: `is not a ${what} of this list (or was removed)`, params: { list: what } }];
    if (seen.has(id)) return [{ field: `${field}[${i}]`, rule: 'unique', message: `names a ${what} already listed`, params: { list: what } }];
    seen.add(id);
    return [];
  });
  const missing = current.filter((id) => !wanted.includes(id)).length;
  if (missing > 0) issues.push({ field, rule: 'complete', message: `leaves out ${missing} ${what}(s): list every one, once, in the new order`, params: { list: what, missing } });
  if (issues.length > 0) throw InputError.of(issues);
}
