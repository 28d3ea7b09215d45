import Negotiator from 'negotiator';
import type { GatewayContext } from '../context.ts';

/** The languages the API words its messages in; English when the client reads none of them. */
export const apiLocales = ['en', 'es', 'ca', 'it'] as const;
export type ApiLocale = (typeof apiLocales)[number];

/** The best of our languages for an `Accept-Language` header, by the client's q-values (RFC 9110). */
export function localeOfAcceptLanguage(header: string | null | undefined): ApiLocale {
  if (!header) return 'en';
  const chosen = new Negotiator({ headers: { 'accept-language': header } }).language([...apiLocales]);
  return (chosen as ApiLocale | undefined) ?? 'en';
}

/** The request's language. */
export const localeOf = (ctx: Pick<GatewayContext, 'auth'>): ApiLocale => localeOfAcceptLanguage(ctx.auth.credentials.acceptLanguage);
