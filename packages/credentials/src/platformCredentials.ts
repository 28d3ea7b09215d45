import { z } from 'zod';

/** What a connector needs to call a platform on an account's behalf. Only ever stored sealed. */
export const platformCredentials = z.object({
  accessToken: z.string().min(1, 'must not be empty'),
  refreshToken: z.string().min(1).optional(),
  /** When the access token stops working (ISO timestamp); absent for tokens that do not expire. */
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  scope: z.string().optional(),
});
export type PlatformCredentials = z.infer<typeof platformCredentials>;
