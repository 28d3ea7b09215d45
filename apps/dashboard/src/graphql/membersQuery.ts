import { graphql } from './graphql.ts';

/** The workspace's people, earliest first: the team screen lists them, the plan page names owners with them. */
export const MembersQuery = graphql(`
  query Members { members { id role joinedAt user { id name email } } }
`);
