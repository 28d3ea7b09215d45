import { oauthClientsFromEnv, type OAuthClients } from '@goalpost/credentials';
import { z } from 'zod';
import { commonSettings } from './commonSettings.ts';

export type SettingsSource = Readonly<Record<string, string | undefined>>;

/** Every bad variable, one line each (the variable, the rule, an example); never the values themselves. */
export class InvalidSettingsError extends Error {
  constructor(
    readonly app: string,
    readonly problems: readonly string[],
  ) {
    super(`The ${app}'s configuration is invalid:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'InvalidSettingsError';
  }
}

/** For variables whose names are not known in advance (one per connector…): read one, or report it. */
export interface SettingsReader {
  source: SettingsSource;
  read<T>(variable: string, rule: z.ZodType<T>): T | undefined;
  report(variable: string, problem: string): void;
}

const common = z.object(commonSettings);

/**
 * Reads an app's configuration once: the common variables, the app's own `shape`, the OAuth apps
 * (`<PROVIDER>_CLIENT_ID`…) and whatever `derive` reads. Throws one `InvalidSettingsError` naming every
 * bad variable, so an operator fixes them all in one go.
 */
export function readSettings<Shape extends z.ZodRawShape, Derived extends object = Record<never, never>>(
  app: string,
  shape: Shape,
  source: SettingsSource,
  derive?: (reader: SettingsReader) => Derived,
): z.output<ReturnType<typeof common.extend<Shape>>> & { oauthClients: OAuthClients } & Derived {
  const lines: string[] = [];
  const seen = new Set<string>();
  const report = (variable: string, problem: string) => {
    if (seen.has(variable)) return;
    seen.add(variable);
    lines.push(`${variable} ${problem}`);
  };
  const reportIssues = (variable: string | undefined, issues: readonly z.core.$ZodIssue[]) => {
    for (const issue of issues) report(variable ?? String(issue.path[0] ?? 'configuration'), issue.message);
  };

  const parsed = common.extend(shape).safeParse(source);
  if (!parsed.success) reportIssues(undefined, parsed.error.issues);
  let oauthClients: OAuthClients = {};
  try {
    oauthClients = oauthClientsFromEnv(source);
  } catch (error) {
    // Its messages start with the variable: "X_CLIENT_SECRET is required when X_CLIENT_ID is set".
    const [variable = 'OAUTH', ...rest] = (error as Error).message.split(' ');
    report(variable, rest.join(' '));
  }
  const derived = derive?.({
    source,
    report,
    read: (variable, rule) => {
      const value = rule.safeParse(source[variable]);
      if (value.success) return value.data;
      reportIssues(variable, value.error.issues);
      return undefined;
    },
  });
  if (!parsed.success || lines.length > 0) throw new InvalidSettingsError(app, lines);
  return { ...parsed.data, oauthClients, ...(derived as Derived) };
}
