import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.ts';
import './scalars.ts';
import './errorTypes.ts';
import './authErrorTypes.ts';
import './enums.ts';
import './nodeQuery.ts';
import './viewer.ts';
import './workspace.ts';
import './session.ts';
import './userSession.ts';
import './changePassword.ts';
import './member.ts';
import './invitation.ts';
import './apiToken.ts';
import './plan.ts';
import './businessGoal.ts';
import './objective.ts';
import './keyResult.ts';
import './theme.ts';
import './socialAccount.ts';
import './alert.ts';
import './metricCatalog.ts';
import './smartReport.ts';
import './recordMetrics.ts';
import './importMetrics.ts';
import './ingestSecret.ts';
import './subscriptions.ts';
import './editing/index.ts';
import './notificationChannels.ts';
import './planDigest.ts';
import './emailPreferences.ts';

// Reading needs a workspace to act in; changing anything needs EDITOR unless a mutation says otherwise
// (sign-in and the like skip these, owner-only ones ask for OWNER: see each field's authScopes).
builder.queryType({ authScopes: { member: true } });
builder.mutationType({ authScopes: { editor: true } });

export const schema = builder.toSchema();

/** The checked-in contract (schema.graphql), sorted so diffs show real changes only. */
export function printContract(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
