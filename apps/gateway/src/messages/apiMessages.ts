import type { StatusMessage } from '@goalpost/domain';
import type { ErrorWords } from './errorWords.ts';
import type { SmartWords } from './smartMessage.ts';

/** What an input issue's wording may use: its rule, the zod values behind it, the field it names. */
export interface IssueParams {
  rule: string;
  field: string;
  params: Readonly<Record<string, string | number | boolean>>;
}

/**
 * One language's human messages of the API: objective statuses by code, input issues by rule, SMART
 * reports by code and the GraphQL errors by `extensions.code`. A rule a language does not word keeps
 * the English message the gateway wrote (stable `rule` and `params` let a client word it itself).
 * English words SMART reports and errors as the domain and the gateway already write them (null).
 */
export interface ApiMessages {
  status(message: StatusMessage): string;
  /** The sentence of an InputError, from its issues already worded (`field: message`). */
  inputSummary(issues: readonly string[]): string;
  inputRules: Readonly<Record<string, (issue: IssueParams) => string | undefined>>;
  smart: SmartWords | null;
  errors: ErrorWords | null;
}
