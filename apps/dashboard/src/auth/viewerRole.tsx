import { createContext, useContext, type ReactNode } from 'react';

export type WorkspaceRole = 'OWNER' | 'EDITOR' | 'VIEWER';

export interface ViewerRole {
  role: WorkspaceRole;
  /** EDITOR or OWNER: plans, objectives, accounts' data, alerts, notification channels. */
  canEdit: boolean;
  /** OWNER: members, invitations, API tokens, the ingest secret, account credentials. */
  canManage: boolean;
}

export const viewerRoleOf = (role: WorkspaceRole): ViewerRole => ({ role, canEdit: role !== 'VIEWER', canManage: role === 'OWNER' });

// Read-only until the gateway says otherwise: a control never shows before the role allows it.
const ViewerRoleContext = createContext<ViewerRole>(viewerRoleOf('VIEWER'));

/** The viewer's role in the current workspace, as `viewer.role` answered it. */
export function ViewerRoleProvider({ role, children }: { role: WorkspaceRole; children: ReactNode }) {
  return <ViewerRoleContext.Provider value={viewerRoleOf(role)}>{children}</ViewerRoleContext.Provider>;
}

export const useViewerRole = () => useContext(ViewerRoleContext);
