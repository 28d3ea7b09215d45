import { Link } from 'wouter';
import { useViewerRole } from '../../auth/viewerRole.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { ApiTokensSection } from './ApiTokensSection.tsx';
import { IngestSecretSection } from './IngestSecretSection.tsx';
import { InvitationsSection } from './InvitationsSection.tsx';
import { MembersSection } from './MembersSection.tsx';
import { NotificationChannelsSection } from './NotificationChannelsSection.tsx';

const sections = ['members', 'invitations', 'tokens', 'ingest', 'notifications'] as const;
type Section = (typeof sections)[number];
/** Sections only an OWNER may open (the gateway refuses the rest their reads or writes). */
const ownerOnly: ReadonlySet<Section> = new Set(['invitations', 'tokens', 'ingest']);

/** The workspace's people and integrations, one section at a time, each behind the role the API asks. */
export default function TeamScreen({ section }: { section: string }) {
  const { t } = useI18n();
  const { canManage } = useViewerRole();
  const visible = sections.filter((s) => canManage || !ownerOnly.has(s));
  const current = (visible as readonly string[]).includes(section) ? (section as Section) : null;
  return (
    <>
      <h1>{t.team.title}</h1>
      <nav aria-label={t.team.sections} className="tabs">
        {visible.map((s) => (
          <Link key={s} href={`/team/${s}`} aria-current={s === current ? 'page' : undefined}>{t.team.section[s]}</Link>
        ))}
      </nav>
      {current === null && <p className="notice notice-error" role="alert">{t.errors.forbidden}</p>}
      {current === 'members' && <MembersSection />}
      {current === 'invitations' && <InvitationsSection />}
      {current === 'tokens' && <ApiTokensSection />}
      {current === 'ingest' && <IngestSecretSection />}
      {current === 'notifications' && <NotificationChannelsSection />}
    </>
  );
}
