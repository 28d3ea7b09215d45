import { graphql } from './graphql.ts';

/** What signIn, signUp and acceptInvitation answer: the session's workspaces, or why not. */
export const SignInAnswer = graphql(`
  fragment SignInAnswer on SignInPayload {
    __typename
    ... on SignInSuccess { viewer { workspaceId } workspaces { id } }
    ... on InputError { message issues { field message } }
    ... on Error { message }
  }
`);

/** The workspace a fresh session acts in: the one the gateway chose, else the person's first. */
export function workspaceOfSignIn(answer: { viewer?: { workspaceId: string } | null; workspaces?: readonly { id: string }[] }): string | null {
  return answer.viewer?.workspaceId ?? answer.workspaces?.[0]?.id ?? null;
}
