import { encodeGlobalID } from '@pothos/plugin-relay';

/** The GraphQL type of each thing the audit trail records; entity ids are read back as its global ids. */
export type AuditEntity = 'Workspace' | 'Plan' | 'BusinessGoal' | 'Objective' | 'KeyResult' | 'Theme' | 'ContentItem' | 'SocialAccount' | 'Alert' | 'CheckIn' | 'NotificationChannel';

/** Columns that name another object, and the type of its global id. */
const references: Record<string, string> = {
  plan_id: 'Plan',
  goal_id: 'BusinessGoal',
  objective_id: 'Objective',
  key_result_id: 'KeyResult',
  account_id: 'SocialAccount',
  theme_id: 'Theme',
  content_item_id: 'ContentItem',
  owner_member_id: 'Member',
  author_user_id: 'User',
  author_token_id: 'ApiToken',
};

/**
 * What an entry never holds: secrets (sealed credentials, the ingest secret), the workspace (implied),
 * and what evaluation computes rather than what a person changed (it would bury the change in noise).
 */
const leftOut: Partial<Record<AuditEntity, readonly string[]>> & { all: readonly string[] } = {
  all: ['workspace_id', 'credentials', 'ingest_secret', 'points_version', 'seq'],
  KeyResult: ['status', 'current', 'progress', 'expected_progress', 'forecast', 'evaluated_at', 'effective_baseline', 'effective_target', 'inputs_fingerprint'],
  Objective: ['status', 'score'],
  // Sealed URL and signing secret never; recipients neither (the entry says how many, not who).
  NotificationChannel: ['url_sealed', 'secret_sealed', 'email_addresses', 'failing_since'],
};

const camel = (key: string) => key.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * A row as the audit trail shows it: camelCase keys, ids as the API's global ids, timestamps in ISO
 * 8601, secrets and computed columns left out (an account says whether it has credentials, never which).
 */
export function auditSnapshot(entity: AuditEntity, row: object | null): Record<string, unknown> | null {
  if (row === null) return null;
  const skip = new Set([...leftOut.all, ...(leftOut[entity] ?? [])]);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (skip.has(key)) continue;
    if (key === 'id' && typeof value === 'string') out.id = encodeGlobalID(entity, value);
    else if (references[key] && typeof value === 'string') out[camel(key)] = encodeGlobalID(references[key], value);
    else out[camel(key)] = value instanceof Date ? value.toISOString() : value;
  }
  if ('credentials' in row) out.hasCredentials = row.credentials !== null && row.credentials !== undefined;
  return out;
}
