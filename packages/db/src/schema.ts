import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** `date` columns: read back as `YYYY-MM-DD` strings (see the type parser in `createDb`). */
type DateColumn = ColumnType<string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface WorkspacesTable {
  id: Generated<string>;
  name: string;
  ingest_secret: string | null;
  ingest_secret_rotated_at: NullableTimestamp;
  created_at: Timestamp;
}

export type WorkspaceRole = 'OWNER' | 'EDITOR' | 'VIEWER';

export interface ApiTokensTable {
  id: Generated<string>;
  workspace_id: string;
  token_hash: string;
  label: string;
  role: ColumnType<WorkspaceRole, WorkspaceRole | undefined, WorkspaceRole>;
  /** The token's first characters, shown so that people recognise it; never enough to use it. */
  prefix: ColumnType<string | null, string | null | undefined, string | null>;
  last_used_at: NullableTimestamp;
  created_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  /** Normalised: trimmed, lower case. */
  email: string;
  name: string;
  password_hash: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  /** SHA-256 of the id the cookie carries. */
  id_hash: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
  /** The User-Agent the session was started with (cut to 512 characters); null before it was kept. */
  user_agent: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface WorkspaceMembersTable {
  id: Generated<string>;
  workspace_id: string;
  user_id: string;
  role: WorkspaceRole;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  workspace_id: string;
  email: string;
  role: WorkspaceRole;
  /** SHA-256 of the token in the invitation link. */
  token_hash: string;
  invited_by: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>;
  revoked_at: NullableTimestamp;
}

export interface PlanSettings {
  /** When the weekly digest goes out (see `DigestSchedule` in the domain); absent: Monday 09:00 UTC. */
  digest?: { weekday?: string; hour?: number; timeZone?: string; enabled?: boolean; attachReports?: string[] };
  /** A key result whose owner has not checked in for this many days is flagged (default 7). */
  checkIns?: { overdueAfterDays?: number };
  /** How OKRs are graded and how many primary categories the plan may pursue (see `PlanningSettings`). */
  planning?: {
    okrSuccessFrom?: number;
    maxPrimaryCategories?: number;
  };
  thresholds?: {
    atRiskTolerance?: number;
    offTrackTolerance?: number;
    deadlineNearDays?: number;
    staleAfterDays?: number;
    forecastWindowDays?: number;
    forecastMinConfidence?: number;
  };
}

export interface PlansTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: string | null;
  starts_on: DateColumn;
  ends_on: DateColumn;
  status: ColumnType<string, string | undefined, string>;
  settings: ColumnType<PlanSettings, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BusinessGoalsTable {
  id: Generated<string>;
  workspace_id: string;
  plan_id: string;
  kind: string;
  title: string;
  description: string | null;
  created_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface ObjectivesTable {
  id: Generated<string>;
  workspace_id: string;
  plan_id: string;
  goal_id: string;
  title: string;
  category: string;
  framework: string;
  starts_on: DateColumn;
  deadline: DateColumn;
  status: ColumnType<string, string | undefined, string>;
  score: number | null;
  budget_amount: ColumnType<number | null, number | null | undefined, number | null>;
  budget_currency: ColumnType<string | null, string | null | undefined, string | null>;
  position: ColumnType<number, number | undefined, number>;
  owner_member_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface SocialAccountsTable {
  id: Generated<string>;
  workspace_id: string;
  platform: string;
  handle: string;
  source: string;
  status: ColumnType<string, string | undefined, string>;
  credentials: Json<unknown> | null;
  external_id: ColumnType<string | null, string | null | undefined, string | null>;
  last_synced_at: NullableTimestamp;
  /** bigint: read as a string. */
  points_version: ColumnType<string, never, never>;
  created_at: Timestamp;
}

export interface StoredForecast {
  value: number;
  low: number;
  high: number;
  confidence: number;
  method: string;
  /** Since the forecast says when the target is reached: absent from forecasts stored before. */
  asOf?: string;
  trendPerDay?: number;
  targetInDays?: number | null;
  targetInDaysEarliest?: number | null;
  targetInDaysLatest?: number | null;
}

export interface StoredBaselineBasis {
  kind: string;
  from: string | null;
  to: string | null;
  coveredDays: number | null;
}

export interface KeyResultsTable {
  id: Generated<string>;
  workspace_id: string;
  objective_id: string;
  metric: string;
  account_id: string | null;
  platform: string | null;
  direction: string;
  baseline: number | null;
  target: number | null;
  target_change_percent: number | null;
  weight: ColumnType<number, number | undefined, number>;
  pace: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  status: ColumnType<string, string | undefined, string>;
  effective_baseline: number | null;
  effective_target: number | null;
  /** Resolved from history when created or changed, and kept (see `resolveKeyResultTarget`). */
  resolved_baseline: ColumnType<number | null, number | null | undefined, number | null>;
  resolved_target: ColumnType<number | null, number | null | undefined, number | null>;
  baseline_basis: ColumnType<StoredBaselineBasis | null, string | null | undefined, string | null>;
  resolved_at: NullableTimestamp;
  maintain_tolerance: ColumnType<number | null, number | null | undefined, number | null>;
  /** What the forecast interval is scaled by, from a backtest on the scope's own history (null: not calibrated yet). */
  forecast_interval_scale: ColumnType<number | null, number | null | undefined, number | null>;
  /** The day that calibration ran. */
  forecast_calibrated_on: ColumnType<string | null, string | null | undefined, string | null>;
  drift_since: ColumnType<string | null, string | null | undefined, string | null>;
  current: number | null;
  progress: number | null;
  expected_progress: number | null;
  forecast: Json<StoredForecast> | null;
  evaluated_at: NullableTimestamp;
  inputs_fingerprint: ColumnType<string | null, string | null | undefined, string | null>;
  owner_member_id: ColumnType<string | null, string | null | undefined, string | null>;
  owner_assigned_at: NullableTimestamp;
  /** Bumped when what the key result measures or aims at changes; history rows carry the version they were evaluated under. */
  definition_version: ColumnType<number, number | undefined, number>;
  definition_changed_at: NullableTimestamp;
  created_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface MetricPointsTable {
  workspace_id: string;
  account_id: string;
  metric: string;
  granularity: ColumnType<string, string | undefined, string>;
  bucket_start: DateColumn;
  value: number;
  source: string;
  recorded_at: Timestamp;
}

export interface KeyResultEvaluationsTable {
  id: Generated<string>;
  workspace_id: string;
  key_result_id: string;
  evaluated_on: DateColumn;
  evaluated_at: Timestamp;
  status: string;
  current: number | null;
  progress: number | null;
  expected_progress: number;
  forecast: Json<StoredForecast> | null;
  definition_version: ColumnType<number, number | undefined, number>;
}

export interface AlertsTable {
  id: Generated<string>;
  workspace_id: string;
  plan_id: string | null;
  objective_id: string | null;
  key_result_id: string | null;
  account_id: string | null;
  kind: string;
  severity: string;
  state: ColumnType<string, string | undefined, string>;
  message: string;
  dedup_key: string;
  created_at: Timestamp;
  acknowledged_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  published_at: NullableTimestamp;
  /** When its resolution was handed to the notification channels. */
  resolution_published_at: NullableTimestamp;
}

export interface ProcessedWebhooksTable {
  workspace_id: string;
  webhook_id: string;
  received_at: Timestamp;
}

export interface ThemesTable {
  id: Generated<string>;
  workspace_id: string;
  objective_id: string;
  title: string;
  description: string | null;
  created_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface ContentItemsTable {
  id: Generated<string>;
  workspace_id: string;
  theme_id: string;
  title: string;
  url: string | null;
  published_on: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface ContentItemMetricsTable {
  workspace_id: string;
  content_item_id: string;
  metric: string;
  value: number;
  updated_at: Timestamp;
}

export interface CheckInsTable {
  id: Generated<string>;
  seq: Generated<number>;
  workspace_id: string;
  key_result_id: string;
  author_user_id: string | null;
  author_token_id: string | null;
  confidence: number;
  note: string | null;
  created_at: Timestamp;
}

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export interface AuditEventsTable {
  id: Generated<string>;
  seq: Generated<number>;
  workspace_id: string;
  plan_id: string | null;
  at: Timestamp;
  actor_kind: string;
  actor_user_id: string | null;
  actor_token_id: string | null;
  entity: string;
  entity_id: string;
  action: string;
  change: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface NotificationChannelsTable {
  id: Generated<string>;
  workspace_id: string;
  kind: string;
  name: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  events: string[];
  min_severity: string;
  plan_ids: ColumnType<string[], string[] | undefined, string[]>;
  /** Sealed by the credential cipher; never returned. */
  url_sealed: Json<unknown> | null;
  url_host: string | null;
  /** Sealed by the credential cipher; never returned. */
  secret_sealed: Json<unknown> | null;
  email_addresses: ColumnType<string[], string[] | undefined, string[]>;
  failing_since: NullableTimestamp;
  disabled_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationDeliveriesTable {
  id: Generated<string>;
  workspace_id: string;
  channel_id: string;
  event: string;
  event_key: string;
  payload: Json<unknown>;
  status: ColumnType<string, string | undefined, string>;
  attempts: ColumnType<number, number | undefined, number>;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: NullableTimestamp;
  delivered_at: NullableTimestamp;
  created_at: Timestamp;
  /** E-mail: the addresses this delivery was already sent to (lower case). */
  sent_to: ColumnType<string[], string[] | undefined, string[]>;
}

export interface NotificationAttemptsTable {
  id: Generated<string>;
  delivery_id: string;
  attempt: number;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  next_attempt_at: NullableTimestamp;
  at: Timestamp;
}

export interface PlanDigestsTable {
  workspace_id: string;
  plan_id: string;
  iso_week: string;
  week_of: DateColumn;
  created_at: Timestamp;
  fanned_out_at: NullableTimestamp;
  deliveries: number | null;
}

/** A status change an evaluation decided, until its STATUS_CHANGED deliveries exist (`fanned_out_at`). */
export interface StatusChangeOutboxTable {
  workspace_id: string;
  event_key: string;
  plan_id: string;
  payload: Json<unknown>;
  created_at: Timestamp;
  fanned_out_at: NullableTimestamp;
}

export interface EmailOptOutsTable {
  workspace_id: string;
  email: string;
  event: string;
  created_at: Timestamp;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_tokens: ApiTokensTable;
  plans: PlansTable;
  business_goals: BusinessGoalsTable;
  objectives: ObjectivesTable;
  social_accounts: SocialAccountsTable;
  key_results: KeyResultsTable;
  metric_points: MetricPointsTable;
  key_result_evaluations: KeyResultEvaluationsTable;
  alerts: AlertsTable;
  processed_webhooks: ProcessedWebhooksTable;
  themes: ThemesTable;
  content_items: ContentItemsTable;
  content_item_metrics: ContentItemMetricsTable;
  check_ins: CheckInsTable;
  audit_events: AuditEventsTable;
  notification_channels: NotificationChannelsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_attempts: NotificationAttemptsTable;
  plan_digests: PlanDigestsTable;
  status_change_outbox: StatusChangeOutboxTable;
  email_opt_outs: EmailOptOutsTable;
  users: UsersTable;
  sessions: SessionsTable;
  workspace_members: WorkspaceMembersTable;
  invitations: InvitationsTable;
}

export type Workspace = Selectable<WorkspacesTable>;
export type PlanRow = Selectable<PlansTable>;
export type NewPlan = Insertable<PlansTable>;
export type PlanUpdate = Updateable<PlansTable>;
export type BusinessGoalRow = Selectable<BusinessGoalsTable>;
export type ObjectiveRow = Selectable<ObjectivesTable>;
export type SocialAccountRow = Selectable<SocialAccountsTable>;
export type KeyResultRow = Selectable<KeyResultsTable>;
export type MetricPointRow = Selectable<MetricPointsTable>;
export type KeyResultEvaluationRow = Selectable<KeyResultEvaluationsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type ThemeRow = Selectable<ThemesTable>;
export type ContentItemRow = Selectable<ContentItemsTable>;
export type CheckInRow = Selectable<CheckInsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
export type NotificationChannelRow = Selectable<NotificationChannelsTable>;
export type NotificationDeliveryRow = Selectable<NotificationDeliveriesTable>;
export type NotificationAttemptRow = Selectable<NotificationAttemptsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type UserRow = Selectable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type WorkspaceMemberRow = Selectable<WorkspaceMembersTable>;
export type InvitationRow = Selectable<InvitationsTable>;
