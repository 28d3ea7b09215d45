import { useQuery } from 'urql';
import { Link } from 'wouter';
import { QueryState } from '../../components/QueryState.tsx';
import { graphql } from '../../graphql/graphql.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ChangePasswordSection } from './ChangePasswordSection.tsx';
import { EmailPreferencesSection } from './EmailPreferencesSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';

export const accountSections = ['password', 'sessions', 'email'] as const;
type Section = (typeof accountSections)[number];

const AccountQuery = graphql(`
  query Account { viewer { workspaceName user { id name email } } }
`);

/** The signed-in person's own settings, one section at a time: password, sessions, e-mail preferences. */
export default function AccountScreen({ section }: { section: string }) {
  const { t } = useI18n();
  const [result, refetch] = useQuery({ query: AccountQuery });
  const current: Section = (accountSections as readonly string[]).includes(section) ? (section as Section) : 'password';
  return (
    <>
      <h1>{t.account.title}</h1>
      <QueryState result={result} retry={() => refetch({ requestPolicy: 'network-only' })} loading={t.common.loading}>
        {(data) => {
          const user = data.viewer.user;
          // An API token acts for a workspace, not a person: nothing here is its to change.
          if (!user) return <p className="notice" role="status" data-testid="account-token-only">{t.account.tokenOnly}</p>;
          return (
            <>
              <p className="muted">{t.account.signedInAs(user.name, user.email)}</p>
              <nav aria-label={t.account.sections} className="tabs">
                {accountSections.map((s) => (
                  <Link key={s} href={`/account/${s}`} aria-current={s === current ? 'page' : undefined}>{t.account.section[s]}</Link>
                ))}
              </nav>
              {current === 'password' && <ChangePasswordSection />}
              {current === 'sessions' && <SessionsSection />}
              {current === 'email' && <EmailPreferencesSection workspaceName={data.viewer.workspaceName} />}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
