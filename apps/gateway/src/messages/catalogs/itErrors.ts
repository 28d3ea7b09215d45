import type { ErrorWords } from '../errorWords.ts';

const roles = { OWNER: 'Proprietario', EDITOR: 'Editor', VIEWER: 'Lettore' } as const;
const nouns: Record<string, string> = {
  Plan: 'alcun piano', BusinessGoal: 'alcun obiettivo di business', Objective: 'alcun obiettivo', KeyResult: 'alcun risultato chiave', Theme: 'alcun tema',
  ContentItem: 'alcun contenuto', SocialAccount: 'alcun account', Member: 'alcun membro', Alert: 'alcun avviso', Invitation: 'alcun invito in sospeso',
  ApiToken: 'alcun token API', NotificationChannel: 'alcun canale di notifica', NotificationDelivery: 'alcun invio', UserSession: 'alcuna sessione aperta',
};
const limits = {
  QUERY_TOO_MANY_TOKENS: 'La query ha troppi token', QUERY_TOO_DEEP: 'La query annida troppi livelli', QUERY_TOO_MANY_ALIASES: 'La query usa troppi alias',
  QUERY_TOO_MANY_DIRECTIVES: 'La query usa troppe direttive', QUERY_TOO_COMPLEX: 'La query costa troppo',
} as const;

export const itErrors: ErrorWords = {
  unauthenticated: 'Serve l’autenticazione: invia `Authorization: Bearer <token API>` con un token valido, oppure accedi (signIn) e invia il cookie di sessione. (npm start mostra un token e un accesso demo.)',
  forbidden(reason, { role, requiredRole }) {
    switch (reason) {
      case 'ROLE': {
        const needed = requiredRole ?? 'VIEWER';
        return `Il tuo ruolo in questo spazio di lavoro è ${role ? roles[role] : '—'}. Serve il ruolo ${roles[needed]}${needed === 'OWNER' ? '' : ' o superiore'}. Non è stato cambiato nulla.`;
      }
      case 'SIGNED_IN': return 'Serve una persona che abbia effettuato l’accesso (signIn); un token API agisce solo nel proprio spazio di lavoro. Non è stato cambiato nulla.';
      case 'NO_WORKSPACE': return 'Non c’è alcuno spazio di lavoro in cui agire: scegline uno dei tuoi (`workspaces` li elenca) o chiedi un invito. Non è stato cambiato nulla.';
      case 'SIGN_UP_CLOSED': return 'Le iscrizioni sono chiuse su questo server: chiedi un invito al proprietario di uno spazio di lavoro.';
      case 'CROSS_SITE': return 'La richiesta arriva da un altro sito, quindi il cookie di sessione non vale. Non è stato cambiato nulla.';
    }
  },
  notFound: (typename, id) => `Non c’è ${(typename && nouns[typename]) ?? 'nulla'} con id ${id} nel tuo spazio di lavoro.`,
  rateLimited: (seconds, { limit, windowSeconds }) => `Troppe richieste: al massimo ${limit} ogni ${windowSeconds} s. Riprova tra ${seconds} s.`,
  queryLimit: (code, limit, found) => `${limits[code]} (limite ${limit}${found === null ? '' : `, ne ha ${found}`}): chiedi meno in una sola richiesta, o dividila.`,
  serviceUnavailable: (dependency, seconds) => `${dependency} non è disponibile in questo momento: riprova tra ${seconds} s.`,
  internal: (requestId) => `Errore inatteso. Indica l’id di richiesta ${requestId} per trovarlo nel log del gateway.`,
};
