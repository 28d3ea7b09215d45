/**
 * Who the dashboard speaks for. Today a workspace API token typed by the person, kept in sessionStorage
 * (gone when the tab closes). Requests always go with `credentials: 'same-origin'` too, so a cookie
 * session from a sign-in mutation works beside it without touching the screens: the app asks the
 * gateway for the viewer and shows the sign-in screen only when the gateway refuses.
 */
const storageKey = 'goalpost.token';
type Listener = () => void;
const listeners = new Set<Listener>();

function read(): string | null {
  try {
    return sessionStorage.getItem(storageKey);
  } catch {
    return null; // storage disabled: the person signs in again per page load
  }
}

export const session = {
  token: read,
  /** The headers every request carries for this session. */
  headers(): Record<string, string> {
    const token = read();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  signIn(token: string) {
    sessionStorage.setItem(storageKey, token.trim());
    listeners.forEach((l) => l());
  },
  signOut() {
    sessionStorage.removeItem(storageKey);
    listeners.forEach((l) => l());
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  },
};
