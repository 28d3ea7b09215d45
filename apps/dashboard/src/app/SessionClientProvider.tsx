import { useMemo, type ReactNode } from 'react';
import { Provider } from 'urql';
import { useSessionRevision } from '../auth/useSessionRevision.ts';
import { createGraphqlClient } from '../client/graphqlClient.ts';
import { localeNow } from '../i18n/I18nProvider.tsx';

/**
 * A GraphQL client per session revision: signing in or out, or switching workspace, starts with an
 * empty cache and remounts the screens (and their live subscriptions) under the new credentials.
 */
export function SessionClientProvider({ children }: { children: ReactNode }) {
  const revision = useSessionRevision();
  const client = useMemo(() => createGraphqlClient(localeNow), [revision]);
  return <Provider key={revision} value={client}>{children}</Provider>;
}
