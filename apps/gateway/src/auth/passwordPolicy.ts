import type { InputIssue } from '../errors.ts';
import { commonPasswords } from './commonPasswords.ts';

export const passwordMinLength = 12;
/** Long passphrases are welcome; the cap keeps one request from hashing megabytes. */
export const passwordMaxLength = 256;

/**
 * NIST SP 800-63B's rules, without composition rules: long enough, not the email (or its name part),
 * not a known common password, not one character repeated. Issues name `field` and the rule broken.
 */
export function passwordIssues(password: string, email: string, field = 'input.password'): InputIssue[] {
  const issues: InputIssue[] = [];
  const length = [...password].length;
  if (length < passwordMinLength || length > passwordMaxLength) {
    issues.push({ field, rule: 'length', message: `must be ${passwordMinLength} to ${passwordMaxLength} characters long (a few words make a good one)` });
  }
  const lower = password.toLowerCase();
  const localPart = email.split('@')[0] ?? '';
  if (lower === email || (localPart.length >= 4 && lower.includes(localPart))) {
    issues.push({ field, rule: 'not-email', message: 'must not be or contain your email address' });
  }
  if (commonPasswords.has(lower) || new Set(lower).size < 4) {
    issues.push({ field, rule: 'common', message: 'is one of the most common passwords, which are tried first: choose another' });
  }
  return issues;
}

/** Emails compare trimmed and lower case: `Ada@Example.com ` and `ada@example.com` are one person. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
