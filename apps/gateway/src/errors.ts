import type { MetricImportIssue } from '@goalpost/domain';
import { inputErrorText } from './messages/messageCatalog.ts';
/** Expected failures, returned to GraphQL clients as typed results (see schema/errorTypes.ts). */

export interface InputIssue {
  /** Path of the offending field, e.g. `input.keyResults[0].metric`. */
  field: string;
  /** The rule it broke, e.g. `after:startsOn`, `catalog`, `finite`. */
  rule: string;
  message: string;
  /** The values the rule was checked against (zod's minimum, maximum, format…), to word it in another language. */
  params?: Readonly<Record<string, string | number | boolean>>;
}

export class InputError extends Error {
  override name = 'InputError';
  constructor(message: string, readonly issues: InputIssue[]) {
    super(message);
  }

  static of(issues: InputIssue[]): InputError {
    return new InputError(inputErrorText('en', issues), issues);
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(message: string, readonly id: string) {
    super(message);
  }
}

/** A metrics file with bad rows: refused whole, each bad row named by its line. */
export class MetricImportRefused extends Error {
  override name = 'MetricImportRefused';
  constructor(message: string, readonly issues: MetricImportIssue[], readonly totalIssues: number) {
    super(message);
  }
}
