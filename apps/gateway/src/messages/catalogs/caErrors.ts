import type { ErrorWords } from '../errorWords.ts';

const roles = { OWNER: 'Propietari', EDITOR: 'Editor', VIEWER: 'Lector' } as const;
const nouns: Record<string, string> = {
  Plan: 'cap pla', BusinessGoal: 'cap objectiu de negoci', Objective: 'cap objectiu', KeyResult: 'cap resultat clau', Theme: 'cap tema',
  ContentItem: 'cap contingut', SocialAccount: 'cap compte', Member: 'cap membre', Alert: 'cap alerta', Invitation: 'cap invitació pendent',
  ApiToken: 'cap token d’API', NotificationChannel: 'cap canal d’avisos', NotificationDelivery: 'cap enviament', UserSession: 'cap sessió oberta',
};
const limits = {
  QUERY_TOO_MANY_TOKENS: 'La consulta té massa tokens', QUERY_TOO_DEEP: 'La consulta imbrica massa nivells', QUERY_TOO_MANY_ALIASES: 'La consulta fa servir massa àlies',
  QUERY_TOO_MANY_DIRECTIVES: 'La consulta fa servir massa directives', QUERY_TOO_COMPLEX: 'La consulta costa massa',
} as const;

export const caErrors: ErrorWords = {
  unauthenticated: 'Cal autenticar-se: envia `Authorization: Bearer <token d’API>` amb un token vàlid, o inicia la sessió (signIn) i envia la galeta de sessió. (npm start mostra un token i un accés de demostració.)',
  forbidden(reason, { role, requiredRole }) {
    switch (reason) {
      case 'ROLE': {
        const needed = requiredRole ?? 'VIEWER';
        return `El teu rol en aquest espai de treball és ${role ? roles[role] : '—'}. Això necessita el rol ${roles[needed]}${needed === 'OWNER' ? '' : ' o superior'}. No s’ha canviat res.`;
      }
      case 'SIGNED_IN': return 'Això necessita una persona amb la sessió iniciada (signIn); un token d’API només actua dins del seu propi espai de treball. No s’ha canviat res.';
      case 'NO_WORKSPACE': return 'No hi ha cap espai de treball on actuar: tria’n un dels teus (`workspaces` els llista) o demana una invitació. No s’ha canviat res.';
      case 'SIGN_UP_CLOSED': return 'Les altes estan tancades en aquest servidor: demana una invitació a una persona propietària d’un espai de treball.';
      case 'CROSS_SITE': return 'La petició ve d’un altre lloc web, així que la galeta de sessió no hi val. No s’ha canviat res.';
    }
  },
  notFound: (typename, id) => `No hi ha ${(typename && nouns[typename]) ?? 'res'} amb l’id ${id} al teu espai de treball.`,
  rateLimited: (seconds, { limit, windowSeconds }) => `Massa peticions: com a màxim ${limit} cada ${windowSeconds} s. Torna-ho a provar d’aquí a ${seconds} s.`,
  queryLimit: (code, limit, found) => `${limits[code]} (límit ${limit}${found === null ? '' : `, en té ${found}`}): demana menys en una sola petició, o divideix-la.`,
  serviceUnavailable: (dependency, seconds) => `${dependency} no està disponible ara mateix: torna-ho a provar d’aquí a ${seconds} s.`,
  internal: (requestId) => `Error inesperat. Indica l’id de petició ${requestId} per trobar-lo al registre del gateway.`,
};
