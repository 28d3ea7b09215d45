import { describe, expect, it } from 'vitest';
import { catalogs } from '../src/i18n/catalogs/index.ts';
import { locales } from '../src/i18n/locales.ts';

type Tree = { [key: string]: unknown };

/** Every leaf of a catalog by its path: strings as they are, functions called with sample arguments. */
function leaves(tree: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof tree === 'string') out.set(path, tree);
  else if (typeof tree === 'function') out.set(path, String((tree as (...a: unknown[]) => unknown)(...Array.from({ length: tree.length }, (_, i) => (i === 0 ? 2 : 'X')))));
  else if (Array.isArray(tree)) tree.forEach((v, i) => leaves(v, `${path}[${i}]`).forEach((text, p) => out.set(p, text)));
  else if (tree && typeof tree === 'object') for (const [k, v] of Object.entries(tree as Tree)) leaves(v, path ? `${path}.${k}` : k).forEach((text, p) => out.set(p, text));
  return out;
}

const english = leaves(catalogs.en);
// Words these languages write the same as English (names of things, loanwords).
const sameEverywhere = new Set(['Goalpost', 'SMART', 'OKR', 'Webhook', 'Slack', 'Email', 'Editor', 'Facebook', 'Instagram', 'X', 'LinkedIn', 'YouTube', 'Pinterest', 'TikTok', 'Token API', 'Password', 'Team', 'Account', 'Nota', 'Plans', 'Link', 'Status', 'Ruolo', 'Rol', 'Sessions', 'Budget']);
// The sections of the team, sign-in, check-in, account and digest screens: none of their strings may be left in English.
const newSections = ['auth', 'role', 'workspace', 'team', 'channels', 'invitation', 'common.copy', 'keyResult.checkIn', 'keyResult.latestCheckIn', 'objective.owner', 'nav.account', 'account.', 'digest.'];

describe('the dashboard catalogs', () => {
  for (const locale of locales.filter((l) => l !== 'en')) {
    it(`${locale} has every message of the English catalog, and none of it is empty`, () => {
      const theirs = leaves(catalogs[locale]);
      expect([...theirs.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [path, text] of theirs) expect(text.trim(), `${locale} ${path}`).not.toBe('');
    });

    it(`${locale} translates every string of the new screens`, () => {
      const theirs = leaves(catalogs[locale]);
      const untranslated = [...theirs].filter(([path, text]) => newSections.some((s) => path.startsWith(s)) && text === english.get(path) && !sameEverywhere.has(text)).map(([path]) => path);
      expect(untranslated).toEqual([]);
    });
  }
});
