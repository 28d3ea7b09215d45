import { graphql, type ResultOf } from './graphql.ts';
import { AlertFields } from './alertFields.ts';

/*
 * Alerts and evaluation history are Relay connections (`alerts(first:, after:) { edges { node } pageInfo }`):
 * they are selected and read here only, and the screens read plain arrays through the readers below.
 */

export const PlanOpenAlerts = graphql(`
  fragment PlanOpenAlerts on Plan { openAlerts: alerts(states: [OPEN], first: 50) { edges { node { ...AlertFields } } } }
`, [AlertFields]);
export const planOpenAlerts = (plan: ResultOf<typeof PlanOpenAlerts>) => plan.openAlerts.edges.map((edge) => edge.node);

export const ViewerAlerts = graphql(`
  fragment ViewerAlerts on Viewer { alerts(first: 200) { edges { node { ...AlertFields } } } }
`, [AlertFields]);
export const viewerAlerts = (viewer: ResultOf<typeof ViewerAlerts>) => viewer.alerts.edges.map((edge) => edge.node);

export const ViewerOpenAlerts = graphql(`
  fragment ViewerOpenAlerts on Viewer { openAlerts: alerts(states: [OPEN], first: 100) { edges { node { id } } } }
`);
export const viewerOpenAlertCount = (viewer: ResultOf<typeof ViewerOpenAlerts>) => viewer.openAlerts.edges.length;

export const AccountOpenAlerts = graphql(`
  fragment AccountOpenAlerts on SocialAccount { openAlerts: alerts(states: [OPEN], first: 20) { edges { node { ...AlertFields } } } }
`, [AlertFields]);
export const accountOpenAlerts = (account: ResultOf<typeof AccountOpenAlerts>) => account.openAlerts.edges.map((edge) => edge.node);

export const KeyResultHistory = graphql(`
  fragment KeyResultHistory on KeyResult { history(last: 200) { edges { node { on status progress current expectedProgress } } } }
`);
export const keyResultHistory = (keyResult: ResultOf<typeof KeyResultHistory>) => keyResult.history.edges.map((edge) => edge.node);
