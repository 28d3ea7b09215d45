import { graphql } from './graphql.ts';

/** What every alert list and toast shows of an alert. */
export const AlertFields = graphql(`
  fragment AlertFields on Alert {
    id kind severity state message createdAt acknowledgedAt resolvedAt
    plan { id name }
    objective { id title }
    keyResult { id metric }
    account { id handle platform }
  }
`);
