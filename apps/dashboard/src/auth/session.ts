/**
 * Who the dashboard speaks for, and where. A person signs in with email and password: the gateway sets
 * an HttpOnly session cookie that no script reads, so all this store keeps for them is the workspace
 * they chose (sent as `x-goalpost-workspace`). An integrator may instead paste an API token, kept in
 * sessionStorage (gone when the tab closes). Every change bumps `revision`, and the app builds a fresh
 * GraphQL client for it, so no answer cached for one person or workspace is shown to another.
 */
const tokenKey = 'goalpost.token';
const workspaceKey = 'goalpost.workspace';
type Listener = () => void;
const listeners = new Set<Listener>();
let revision = 0;

function read(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null; // storage disabled: the person signs in again per page load
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // storage disabled: kept for this page only through the revision's client
  }
}

function changed() {
  revision += 1;
  listeners.forEach((l) => l());
}

export const session = {
  token: () => read(tokenKey),
  workspace: () => read(workspaceKey),
  revision: () => revision,
  /** The headers every request carries. The CSRF header lets file uploads (multipart) act with the cookie. */
  headers(): Record<string, string> {
    const token = read(tokenKey);
    const workspace = read(workspaceKey);
    return {
      'x-graphql-yoga-csrf': '1',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(workspace ? { 'x-goalpost-workspace': workspace } : {}),
    };
  },
  /** An API token pasted by an integrator. */
  useToken(token: string) {
    write(tokenKey, token.trim());
    write(workspaceKey, null);
    changed();
  },
  /** After signIn, signUp or acceptInvitation answered: the cookie is set, the workspace (if known) chosen. */
  signedIn(workspaceId: string | null) {
    write(tokenKey, null);
    write(workspaceKey, workspaceId);
    changed();
  },
  chooseWorkspace(workspaceId: string) {
    if (read(workspaceKey) === workspaceId) return;
    write(workspaceKey, workspaceId);
    changed();
  },
  /** Ends the cookie session at the gateway (if any) and forgets the token and the workspace. */
  async signOut() {
    try {
      await fetch('/graphql', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation SignOut { signOut { __typename } }' }),
      });
    } catch {
      // The gateway is away: the cookie ends at its expiry; this tab forgets it now.
    }
    write(tokenKey, null);
    write(workspaceKey, null);
    changed();
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
