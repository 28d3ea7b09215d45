import type { ErrorWords } from '../errorWords.ts';

const roles = { OWNER: 'Propietario', EDITOR: 'Editor', VIEWER: 'Lector' } as const;
const nouns: Record<string, string> = {
  Plan: 'ningún plan', BusinessGoal: 'ningún objetivo de negocio', Objective: 'ningún objetivo', KeyResult: 'ningún resultado clave', Theme: 'ningún tema',
  ContentItem: 'ningún contenido', SocialAccount: 'ninguna cuenta', Member: 'ningún miembro', Alert: 'ninguna alerta', Invitation: 'ninguna invitación pendiente',
  ApiToken: 'ningún token de API', NotificationChannel: 'ningún canal de avisos', NotificationDelivery: 'ningún envío', UserSession: 'ninguna sesión abierta',
};
const limits = {
  QUERY_TOO_MANY_TOKENS: 'La consulta tiene demasiados tokens', QUERY_TOO_DEEP: 'La consulta anida demasiados niveles', QUERY_TOO_MANY_ALIASES: 'La consulta usa demasiados alias',
  QUERY_TOO_MANY_DIRECTIVES: 'La consulta usa demasiadas directivas', QUERY_TOO_COMPLEX: 'La consulta cuesta demasiado',
} as const;

export const esErrors: ErrorWords = {
  unauthenticated: 'Hace falta autenticarse: envía `Authorization: Bearer <token de API>` con un token válido, o inicia sesión (signIn) y envía la cookie de sesión. (npm start muestra un token y un acceso de demostración.)',
  forbidden(reason, { role, requiredRole }) {
    switch (reason) {
      case 'ROLE': {
        const needed = requiredRole ?? 'VIEWER';
        return `Tu rol en este espacio de trabajo es ${role ? roles[role] : '—'}. Esto necesita el rol ${roles[needed]}${needed === 'OWNER' ? '' : ' o superior'}. No se ha cambiado nada.`;
      }
      case 'SIGNED_IN': return 'Esto necesita una persona con sesión iniciada (signIn); un token de API solo actúa dentro de su propio espacio de trabajo. No se ha cambiado nada.';
      case 'NO_WORKSPACE': return 'No hay ningún espacio de trabajo en el que actuar: elige uno de los tuyos (`workspaces` los lista) o pide una invitación. No se ha cambiado nada.';
      case 'SIGN_UP_CLOSED': return 'Las altas están cerradas en este servidor: pide una invitación a una persona propietaria de un espacio de trabajo.';
      case 'CROSS_SITE': return 'La petición viene de otro sitio web, así que la cookie de sesión no vale para ella. No se ha cambiado nada.';
    }
  },
  notFound: (typename, id) => `No hay ${(typename && nouns[typename]) ?? 'nada'} con el id ${id} en tu espacio de trabajo.`,
  rateLimited: (seconds, { limit, windowSeconds }) => `Demasiadas peticiones: como máximo ${limit} cada ${windowSeconds} s. Vuelve a intentarlo dentro de ${seconds} s.`,
  queryLimit: (code, limit, found) => `${limits[code]} (límite ${limit}${found === null ? '' : `, tiene ${found}`}): pide menos en una sola petición, o divídela.`,
  serviceUnavailable: (dependency, seconds) => `${dependency} no está disponible ahora mismo: vuelve a intentarlo dentro de ${seconds} s.`,
  internal: (requestId) => `Error inesperado. Indica el id de petición ${requestId} para encontrarlo en el registro del gateway.`,
};
