import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-23T0000_initial.ts';
import * as budgetAndThemes from './2026-11-23T0100_budget_and_themes.ts';
import * as accountExternalId from './2026-11-23T0200_account_external_id.ts';
import * as contentItemMetrics from './2026-11-23T0300_content_item_metrics.ts';
import * as incrementalEvaluation from './2026-11-23T0400_incremental_evaluation.ts';
import * as keyResultPace from './2026-11-23T0500_key_result_pace.ts';
import * as teams from './2026-12-01T0100_teams.ts';
import * as editing from './2026-12-01T0200_editing.ts';
import * as targetResolutionAndDriftEpisodes from './2026-12-01T0300_target_resolution_and_drift_episodes.ts';
import * as alertPaging from './2026-12-01T0400_alert_paging.ts';
import * as notifications from './2026-12-01T0500_notifications.ts';
import * as sessionsAndForecastCalibration from './2026-12-02T0400_sessions_and_forecast_calibration.ts';
import * as weeklyDigests from './2026-12-02T0600_weekly_digests.ts';
import * as statusChangeOutbox from './2026-12-02T0800_status_change_outbox.ts';

/** Listed statically so migrations run the same under tsx, vitest and a bundle. Append only. */
const migrations: Record<string, Migration> = {
  '2026-11-23T0000_initial': initial,
  '2026-11-23T0100_budget_and_themes': budgetAndThemes,
  '2026-11-23T0200_account_external_id': accountExternalId,
  '2026-11-23T0300_content_item_metrics': contentItemMetrics,
  '2026-11-23T0400_incremental_evaluation': incrementalEvaluation,
  '2026-11-23T0500_key_result_pace': keyResultPace,
  '2026-12-01T0100_teams': teams,
  '2026-12-01T0200_editing': editing,
  '2026-12-01T0300_target_resolution_and_drift_episodes': targetResolutionAndDriftEpisodes,
  '2026-12-01T0400_alert_paging': alertPaging,
  '2026-12-01T0500_notifications': notifications,
  '2026-12-02T0400_sessions_and_forecast_calibration': sessionsAndForecastCalibration,
  '2026-12-02T0600_weekly_digests': weeklyDigests,
  '2026-12-02T0800_status_change_outbox': statusChangeOutbox,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
