import { validatePoint, type IncomingPoint, type IsoDate } from '@goalpost/domain';
import type { InputIssue } from '../errors.ts';

/** The domain's point rules applied to a batch, each issue named by its place in the request (`input.points[3].value`). */
export function pointIssues(points: readonly IncomingPoint[], today: IsoDate, prefix: string): InputIssue[] {
  return points.flatMap((point, index) =>
    validatePoint(point, today).map((issue) => ({ field: `${prefix}[${index}].${issue.field}`, rule: issue.rule, message: issue.message })),
  );
}
