import { passwordMaxLength, passwordMinLength } from '../../auth/passwordPolicy.ts';
import type { StatusMessageCode } from '@goalpost/domain';
import type { ApiMessages } from '../apiMessages.ts';
import { percentIn } from '../percent.ts';
import { esErrors } from './esErrors.ts';
import { esSmart } from './esSmart.ts';

const pct = percentIn('es');
const sizeOf = (origin: unknown) => (origin === 'string' ? ' caracteres' : origin === 'array' ? ' elementos' : '');

const alertStates: Record<string, string> = { OPEN: 'Abierta', ACKNOWLEDGED: 'Vista', RESOLVED: 'Resuelta' };
/** The lists a new order names, singular and plural. */
const lists: Record<string, [string, string]> = { objective: ['objetivo', 'objetivos'], 'key result': ['resultado clave', 'resultados clave'] };

const things: Record<string, string> = { 'business goal': 'el objetivo de negocio', objective: 'el objetivo', 'key result': 'el resultado clave', theme: 'el tema', 'content item': 'el contenido' };

export const es: ApiMessages = {
  status({ code, params }) {
    const score = params.score === null ? 'aún sin puntuación' : pct(params.score);
    const bar = pct(params.successFrom);
    switch (code as StatusMessageCode) {
      case 'NOT_STARTED': return 'Aún no ha empezado.';
      case 'NO_DATA': return 'Aún no hay datos: conecta o envía las métricas que leen sus resultados clave.';
      case 'SMART_ACHIEVED': return 'Objetivo alcanzado.';
      case 'SMART_MISSED': return 'La fecha límite pasó sin alcanzar el objetivo.';
      case 'SMART_ON_TRACK': return 'En camino de alcanzar el objetivo en la fecha límite.';
      case 'SMART_AT_RISK': return 'En riesgo: algo por detrás del camino hacia el objetivo.';
      case 'SMART_OFF_TRACK': return 'Desviado: muy por detrás del camino hacia el objetivo.';
      case 'OKR_ACHIEVED': return `Logrado del todo (puntuación ${score}): más allá del ${bar} que cuenta como éxito.`;
      case 'OKR_MISSED_SUCCESS': return `Cerrado en ${score}: un éxito según los OKR (${bar} o más).`;
      case 'OKR_MISSED': return `Cerrado en ${score}, por debajo del ${bar} que cuenta como éxito.`;
      case 'OKR_ON_TRACK_SUCCESS': return `A buen ritmo y ya un éxito (puntuación ${score}, desde ${bar}).`;
      case 'OKR_ON_TRACK': return `A buen ritmo (puntuación ${score}, grado ${params.grade ?? '—'}; éxito desde ${bar}).`;
      case 'OKR_AT_RISK_SUCCESS': return `Por detrás del ritmo, pero ya un éxito (puntuación ${score}, desde ${bar}).`;
      case 'OKR_AT_RISK': return `Por detrás del ritmo (puntuación ${score}): el ${bar} sigue a tu alcance si mejora la tendencia.`;
      case 'OKR_OFF_TRACK_SUCCESS': return `Muy por detrás del ritmo, aunque ya en ${score} (éxito desde ${bar}).`;
      case 'OKR_OFF_TRACK': return `Muy por detrás del ritmo (puntuación ${score}, éxito desde ${bar}): replantea las iniciativas que lo sostienen.`;
    }
    return code;
  },
  inputSummary: (issues) => `Datos no válidos — ${issues.join('; ')}. No se ha cambiado nada.`,
  inputRules: {
    required: () => 'es obligatorio',
    'not-empty': () => 'no puede estar vacío',
    finite: () => 'debe ser un número finito',
    magnitude: () => `debe estar entre ±${Number.MAX_SAFE_INTEGER}`,
    url: () => 'debe ser una URL absoluta, como https://example.com/post',
    'url-scheme': ({ params }) => `debe ser una URL https:// (o http:// donde se admita)${params.scheme ? `, no ${params.scheme}` : ''}`,
    'url-credentials': () => 'no puede llevar usuario ni contraseña; las entregas ya van firmadas',
    'control-characters': () => 'no puede contener caracteres de control',
    unicode: () => 'debe ser texto Unicode válido',
    taken: () => 'ya tiene una cuenta: entra en lugar de registrarte',
    'not-email': () => 'no puede ser ni contener tu correo electrónico',
    common: () => 'es una de las contraseñas más comunes, las primeras que se prueban: elige otra',
    length: () => `debe tener entre ${passwordMinLength} y ${passwordMaxLength} caracteres (unas cuantas palabras son una buena contraseña)`,
    catalog: () => 'no es una métrica del catálogo (metricCatalog las lista)',
    'last-owner': () => 'el espacio de trabajo necesita al menos una persona propietaria',
    too_small: ({ params }) => (params.minimum === undefined ? undefined : `debe ser al menos ${params.minimum}${sizeOf(params.origin)}`),
    too_big: ({ params }) => (params.maximum === undefined ? undefined : `debe ser como mucho ${params.maximum}${sizeOf(params.origin)}`),
    invalid_format: ({ params }) => (params.format === 'email' ? 'debe ser una dirección de correo electrónico' : params.format === 'url' ? 'debe ser una URL' : 'no tiene el formato esperado'),
    invalid_type: ({ params }) => `debe ser de tipo ${String(params.expected ?? '—')}`,
    invalid_value: () => 'no es uno de los valores admitidos',
    'max-length': ({ params }) => (params.maximum === undefined ? undefined : `debe tener como mucho ${params.maximum} caracteres${params.length === undefined ? '' : `; tiene ${params.length}`}`),
    range: ({ params }) => {
      if (params.min === undefined && params.max === undefined) return undefined;
      const from = params.min === undefined ? null : `${params.minExclusive ? 'mayor que' : 'al menos'} ${params.min}`;
      const to = params.max === undefined ? null : `como mucho ${params.max}`;
      return `debe ser ${[from, to].filter(Boolean).join(' y ')}`;
    },
    state: ({ params }) => (params.state === undefined ? undefined : `la alerta está en estado «${alertStates[String(params.state)] ?? params.state}» y no puede pasar a «${alertStates[String(params.wanted)] ?? params.wanted}»`),
    exists: ({ params }) => ({ SocialAccount: 'no existe esa cuenta en tu espacio de trabajo', KeyResult: 'no existe ese resultado clave en este objetivo', Plan: 'no es un plan de tu espacio de trabajo' } as Record<string, string>)[String(params.type)],
    member: ({ params }) =>
      params.type === 'Member' ? 'debe ser el id de un miembro de este espacio de trabajo'
        : params.already ? 'ya pertenece a este espacio de trabajo: cambia su rol en su lugar'
          : params.list !== undefined ? `no es un ${lists[String(params.list)]?.[0] ?? params.list} de esta lista (o se ha eliminado)` : undefined,
    unique: ({ params }) => (params.list === undefined ? undefined : `nombra un ${lists[String(params.list)]?.[0] ?? params.list} que ya está en la lista`),
    complete: ({ params }) => (params.missing === undefined ? undefined : `faltan ${params.missing} ${lists[String(params.list)]?.[1] ?? params.list}: incluye cada uno una sola vez, en el nuevo orden`),
    kind: ({ params }) => (params.kind === undefined ? undefined : params.kind === 'EMAIL' ? 'un canal EMAIL recibe direcciones de correo, no una URL' : `un canal ${params.kind} recibe una URL, no direcciones de correo`),
    currency: () => 'debe ser un código ISO 4217, como EUR',
    scope: () => 'indica un accountId o una platform: el ámbito en el que se mide el resultado clave',
    exclusive: ({ rule, field }) => `indica ${rule.slice('exclusive:'.length)} o ${field.split('.').at(-1)}, no ambos`,
    id: ({ rule }) => `debe ser el id de un ${rule.slice('id:'.length)}, tal como lo devuelve la API`,
    'time-zone': () => 'debe ser el nombre de una zona horaria IANA, como Europe/Madrid o America/New_York',
    unchanged: () => 'debe ser distinta de la contraseña actual',
    direction: ({ params }) => {
      if (params.direction === undefined) return undefined;
      const up = params.direction === 'INCREASE';
      const aims = `un resultado clave ${up ? 'que aumenta (INCREASE) apunta por encima' : 'que reduce (DECREASE) apunta por debajo'} de su punto de partida`;
      return params.targetChangePercent === undefined
        ? `${aims}: el objetivo ${params.target} no está ${up ? 'por encima' : 'por debajo'} de ${params.baseline} (usa MAINTAIN para mantener un nivel)`
        : `${aims}: un cambio del ${params.targetChangePercent} % no lo hace (usa MAINTAIN para mantener un nivel)`;
    },
    archived: ({ params }) => (params.what === undefined ? undefined : `${things[String(params.what)] ?? params.what} se eliminó (se archivó con su historial el ${String(params.archivedAt).slice(0, 10)}) y ya no se puede cambiar`),
    connector: ({ params }) => (params.platform === undefined ? undefined : `ningún conector obtiene cuentas de ${params.platform}: usa la fuente PUSH (webhook) o MANUAL (recordMetrics, importación CSV)`),
    'max-size': ({ params }) => (params.size === undefined ? undefined : `el archivo ocupa ${params.size} bytes; divídelo en archivos de como mucho ${params.max} bytes`),
    min: ({ rule }) => `debe ser al menos ${rule.slice('min:'.length)}`,
    max: ({ rule }) => `debe ser como mucho ${rule.slice('max:'.length)}: recorre el resto con los cursores`,
    after: ({ rule }) => `debe ser posterior a ${rule.slice('after:'.length)}`,
  },
  smart: esSmart,
  errors: esErrors,
};
