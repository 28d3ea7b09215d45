import { useI18n } from '../i18n/I18nProvider.tsx';
import { useViewerRole } from '../auth/viewerRole.tsx';

/** Where a page is all editing and the viewer's role may only read: what their role allows, and whom to ask. */
export function ReadOnlyNotice() {
  const { t } = useI18n();
  const { role } = useViewerRole();
  return (
    <div className="notice" role="status" data-testid="read-only">
      <p>{t.workspace.readOnly(t.role[role])}</p>
    </div>
  );
}
