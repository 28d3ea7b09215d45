import { graphql, type ResultOf } from './graphql.ts';
import { AlertFields } from './alertFields.ts';

/*
 * The lists that are becoming Relay connections (`alerts(first:, after:) { edges { node } pageInfo }`,
 * `history(…)` likewise) are selected and read here only: when they switch, this file changes and the
 * screens keep reading plain arrays through the readers below.
 */

export const PlanOpenAlerts = graphql(`
  fragment PlanOpenAlerts on Plan { openAlerts: alerts(states: [OPEN], first: 50) { ...AlertFields } }
`, [AlertFields]);
export const planOpenAlerts = (plan: ResultOf<typeof PlanOpenAlerts>) => plan.openAlerts;

export const ViewerAlerts = graphql(`
  fragment ViewerAlerts on Viewer { alerts(first: 200) { ...AlertFields } }
`, [AlertFields]);
export const viewerAlerts = (viewer: ResultOf<typeof ViewerAlerts>) => viewer.alerts;

export const ViewerOpenAlerts = graphql(`
  fragment ViewerOpenAlerts on Viewer { openAlerts: alerts(states: [OPEN], first: 100) { id } }
`);
export const viewerOpenAlertCount = (viewer: ResultOf<typeof ViewerOpenAlerts>) => viewer.openAlerts.length;

export const AccountOpenAlerts = graphql(`
  fragment AccountOpenAlerts on SocialAccount { openAlerts: alerts(states: [OPEN], first: 20) { ...AlertFields } }
`, [AlertFields]);
export const accountOpenAlerts = (account: ResultOf<typeof AccountOpenAlerts>) => account.openAlerts;

export const KeyResultHistory = graphql(`
  fragment KeyResultHistory on KeyResult { history(last: 400) { on status progress current expectedProgress } }
`);
export const keyResultHistory = (keyResult: ResultOf<typeof KeyResultHistory>) => keyResult.history;
