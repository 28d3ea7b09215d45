/** How people and tokens authenticate; read from env (see env.ts), with the defaults below. */
export interface AuthSettings {
  /** Off for closed deployments: people join by invitation only. */
  signUpEnabled: boolean;
  /** A session unused this long ends (sliding); an open subscription counts as use. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however much it is used. */
  sessionMaxHours: number;
  invitationTtlHours: number;
  /** Failed sign-ins for one email within the lockout window before it is locked for the window. */
  signInMaxFailures: number;
  /** Failed sign-ins from one client address (any email) before the address is locked. */
  signInMaxFailuresPerAddress: number;
  signInLockoutMinutes: number;
  /** Sign-ups from one client address (taken emails counted too) within the window before it must wait. */
  signUpMaxPerAddress: number;
  signUpWindowMinutes: number;
  /** Browser origins (besides the gateway's own) allowed to send cookie-authenticated requests: the dashboard. */
  appOrigins: string[];
  /** The page that accepts invitations; the link is `<invitationUrl>#token=<token>`. */
  invitationUrl: string;
  /** The gateway's public origin: cookies are Secure when it is https. */
  publicUrl: string;
}

export function authSettingsWithDefaults(publicUrl: string, given: Partial<AuthSettings> = {}): AuthSettings {
  const origin = publicUrl.replace(/\/+$/, '');
  return {
    signUpEnabled: true,
    sessionIdleMinutes: 12 * 60,
    sessionMaxHours: 7 * 24,
    invitationTtlHours: 72,
    signInMaxFailures: 5,
    signInMaxFailuresPerAddress: 50,
    signInLockoutMinutes: 15,
    signUpMaxPerAddress: 20,
    signUpWindowMinutes: 60,
    appOrigins: [],
    invitationUrl: `${origin}/invitations/accept`,
    ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
    publicUrl: origin,
  };
}
