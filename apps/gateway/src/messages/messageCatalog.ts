import type { StatusMessage } from '@goalpost/domain';
import type { InputIssue } from '../errors.ts';
import type { ApiMessages } from './apiMessages.ts';
import { ca } from './catalogs/ca.ts';
import { en } from './catalogs/en.ts';
import { es } from './catalogs/es.ts';
import { it } from './catalogs/it.ts';
import type { ApiLocale } from './requestLocale.ts';

/**
 * The API's human messages in every language it speaks: the one place statuses and input issues are
 * worded. Clients that word them themselves read the stable code (`statusCode`, `rule`) and params.
 */
export const apiMessageCatalogs: Readonly<Record<ApiLocale, ApiMessages>> = { en, es, ca, it };

export const statusText = (locale: ApiLocale, message: StatusMessage): string => apiMessageCatalogs[locale].status(message);

/** An issue in the locale: by its rule (`after:startsOn` by `after`), else the English the rule wrote. */
export function issueText(locale: ApiLocale, issue: InputIssue): string {
  const rules = apiMessageCatalogs[locale].inputRules;
  const word = rules[issue.rule] ?? rules[issue.rule.split(':')[0]!];
  return word?.({ rule: issue.rule, field: issue.field, params: issue.params ?? {} }) ?? issue.message;
}

export const inputErrorText = (locale: ApiLocale, issues: readonly InputIssue[]): string =>
  apiMessageCatalogs[locale].inputSummary(issues.map((i) => `${i.field}: ${issueText(locale, i)}`));
