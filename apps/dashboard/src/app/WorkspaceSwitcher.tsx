import { session } from '../auth/session.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface WorkspaceChoice {
  id: string;
  name: string;
  role: 'OWNER' | 'EDITOR' | 'VIEWER';
}

/** The viewer's workspaces; choosing one starts a fresh client that names it in `x-goalpost-workspace`. */
export function WorkspaceSwitcher({ workspaces, current }: { workspaces: readonly WorkspaceChoice[]; current: string }) {
  const { t } = useI18n();
  if (workspaces.length < 2) {
    return <span className="workspace muted" data-testid="workspace-name">{workspaces.find((w) => w.id === current)?.name ?? ''}</span>;
  }
  return (
    <label className="workspace-switcher">
      <span className="visually-hidden">{t.workspace.switch}</span>
      <select value={current} onChange={(e) => session.chooseWorkspace(e.target.value)} data-testid="workspace-switcher">
        {workspaces.map((w) => <option key={w.id} value={w.id}>{w.name} · {t.role[w.role]}</option>)}
      </select>
    </label>
  );
}
