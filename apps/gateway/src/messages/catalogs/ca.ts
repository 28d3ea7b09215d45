import type { StatusMessageCode } from '@goalpost/domain';
import { passwordMaxLength, passwordMinLength } from '../../auth/passwordPolicy.ts';
import type { ApiMessages } from '../apiMessages.ts';
import { percentIn } from '../percent.ts';
import { caErrors } from './caErrors.ts';
import { caSmart } from './caSmart.ts';

const pct = percentIn('ca');
const sizeOf = (origin: unknown) => (origin === 'string' ? ' caràcters' : origin === 'array' ? ' elements' : '');

const alertStates: Record<string, string> = { OPEN: 'Oberta', ACKNOWLEDGED: 'Vista', RESOLVED: 'Resolta' };
/** The lists a new order names, singular and plural. */
const lists: Record<string, [string, string]> = { objective: ['objectiu', 'objectius'], 'key result': ['resultat clau', 'resultats clau'] };

const things: Record<string, string> = { 'business goal': 'l’objectiu de negoci', objective: 'l’objectiu', 'key result': 'el resultat clau', theme: 'el tema', 'content item': 'el contingut' };

export const ca: ApiMessages = {
  status({ code, params }) {
    const score = params.score === null ? 'encara sense puntuació' : pct(params.score);
    const bar = pct(params.successFrom);
    switch (code as StatusMessageCode) {
      case 'NOT_STARTED': return 'Encara no ha començat.';
      case 'NO_DATA': return 'Encara no hi ha dades: connecta o envia les mètriques que llegeixen els seus resultats clau.';
      case 'SMART_ACHIEVED': return 'Objectiu assolit.';
      case 'SMART_MISSED': return 'La data límit ha passat sense assolir l’objectiu.';
      case 'SMART_ON_TRACK': return 'En camí d’assolir l’objectiu a la data límit.';
      case 'SMART_AT_RISK': return 'En risc: una mica per darrere del camí cap a l’objectiu.';
      case 'SMART_OFF_TRACK': return 'Desviat: molt per darrere del camí cap a l’objectiu.';
      case 'OKR_ACHIEVED': return `Assolit del tot (puntuació ${score}): més enllà del ${bar} que compta com a èxit.`;
      case 'OKR_MISSED_SUCCESS': return `Tancat en ${score}: un èxit segons els OKR (${bar} o més).`;
      case 'OKR_MISSED': return `Tancat en ${score}, per sota del ${bar} que compta com a èxit.`;
      case 'OKR_ON_TRACK_SUCCESS': return `A bon ritme i ja un èxit (puntuació ${score}, des del ${bar}).`;
      case 'OKR_ON_TRACK': return `A bon ritme (puntuació ${score}, grau ${params.grade ?? '—'}; èxit des del ${bar}).`;
      case 'OKR_AT_RISK_SUCCESS': return `Per darrere del ritme, però ja un èxit (puntuació ${score}, des del ${bar}).`;
      case 'OKR_AT_RISK': return `Per darrere del ritme (puntuació ${score}): el ${bar} encara és a l’abast si la tendència millora.`;
      case 'OKR_OFF_TRACK_SUCCESS': return `Molt per darrere del ritme, tot i que ja en ${score} (èxit des del ${bar}).`;
      case 'OKR_OFF_TRACK': return `Molt per darrere del ritme (puntuació ${score}, èxit des del ${bar}): replanteja les iniciatives que el sostenen.`;
    }
    return code;
  },
  inputSummary: (issues) => `Dades no vàlides — ${issues.join('; ')}. No s’ha canviat res.`,
  inputRules: {
    required: () => 'és obligatori',
    'not-empty': () => 'no pot estar buit',
    finite: () => 'ha de ser un nombre finit',
    magnitude: () => `ha d’estar entre ±${Number.MAX_SAFE_INTEGER}`,
    url: () => 'ha de ser una URL absoluta, com ara https://example.com/post',
    'url-scheme': ({ params }) => `ha de ser una URL https:// (o http:// on s’admeti)${params.scheme ? `, no ${params.scheme}` : ''}`,
    'url-credentials': () => 'no pot portar usuari ni contrasenya; els lliuraments ja van signats',
    'control-characters': () => 'no pot contenir caràcters de control',
    unicode: () => 'ha de ser text Unicode vàlid',
    taken: () => 'ja té un compte: entra en lloc de registrar-te',
    'not-email': () => 'no pot ser ni contenir el teu correu electrònic',
    common: () => 'és una de les contrasenyes més comunes, les primeres que es proven: tria’n una altra',
    length: () => `ha de tenir entre ${passwordMinLength} i ${passwordMaxLength} caràcters (unes quantes paraules són una bona contrasenya)`,
    catalog: () => 'no és una mètrica del catàleg (metricCatalog les llista)',
    'last-owner': () => 'l’espai de treball necessita almenys una persona propietària',
    too_small: ({ params }) => (params.minimum === undefined ? undefined : `ha de ser com a mínim ${params.minimum}${sizeOf(params.origin)}`),
    too_big: ({ params }) => (params.maximum === undefined ? undefined : `ha de ser com a màxim ${params.maximum}${sizeOf(params.origin)}`),
    invalid_format: ({ params }) => (params.format === 'email' ? 'ha de ser una adreça de correu electrònic' : params.format === 'url' ? 'ha de ser una URL' : 'no té el format esperat'),
    invalid_type: ({ params }) => `ha de ser de tipus ${String(params.expected ?? '—')}`,
    invalid_value: () => 'no és cap dels valors admesos',
    'max-length': ({ params }) => (params.maximum === undefined ? undefined : `ha de tenir com a màxim ${params.maximum} caràcters${params.length === undefined ? '' : `; en té ${params.length}`}`),
    range: ({ params }) => {
      if (params.min === undefined && params.max === undefined) return undefined;
      const from = params.min === undefined ? null : `${params.minExclusive ? 'més gran que' : 'com a mínim'} ${params.min}`;
      const to = params.max === undefined ? null : `com a màxim ${params.max}`;
      return `ha de ser ${[from, to].filter(Boolean).join(' i ')}`;
    },
    state: ({ params }) => (params.state === undefined ? undefined : `l’alerta està en estat «${alertStates[String(params.state)] ?? params.state}» i no pot passar a «${alertStates[String(params.wanted)] ?? params.wanted}»`),
    exists: ({ params }) => ({ SocialAccount: 'no existeix aquest compte al teu espai de treball', KeyResult: 'no existeix aquest resultat clau en aquest objectiu', Plan: 'no és un pla del teu espai de treball' } as Record<string, string>)[String(params.type)],
    member: ({ params }) =>
      params.type === 'Member' ? 'ha de ser l’id d’un membre d’aquest espai de treball'
        : params.already ? 'ja pertany a aquest espai de treball: canvia’n el rol'
          : params.list !== undefined ? `no és un ${lists[String(params.list)]?.[0] ?? params.list} d’aquesta llista (o s’ha eliminat)` : undefined,
    unique: ({ params }) => (params.list === undefined ? undefined : `anomena un ${lists[String(params.list)]?.[0] ?? params.list} que ja és a la llista`),
    complete: ({ params }) => (params.missing === undefined ? undefined : `hi falten ${params.missing} ${lists[String(params.list)]?.[1] ?? params.list}: inclou-los tots, una sola vegada, en el nou ordre`),
    kind: ({ params }) => (params.kind === undefined ? undefined : params.kind === 'EMAIL' ? 'un canal EMAIL rep adreces de correu, no una URL' : `un canal ${params.kind} rep una URL, no adreces de correu`),
    currency: () => 'ha de ser un codi ISO 4217, com ara EUR',
    scope: () => 'indica un accountId o una platform: l’àmbit en què es mesura el resultat clau',
    exclusive: ({ rule, field }) => `indica ${rule.slice('exclusive:'.length)} o ${field.split('.').at(-1)}, no tots dos`,
    id: ({ rule }) => `ha de ser l’id d’un ${rule.slice('id:'.length)}, tal com el retorna l’API`,
    'time-zone': () => 'ha de ser el nom d’una zona horària IANA, com ara Europe/Madrid o America/New_York',
    unchanged: () => 'ha de ser diferent de la contrasenya actual',
    direction: ({ params }) => {
      if (params.direction === undefined) return undefined;
      const up = params.direction === 'INCREASE';
      const aims = `un resultat clau ${up ? 'que augmenta (INCREASE) apunta per sobre' : 'que redueix (DECREASE) apunta per sota'} del seu punt de partida`;
      return params.targetChangePercent === undefined
        ? `${aims}: l’objectiu ${params.target} no és ${up ? 'per sobre' : 'per sota'} de ${params.baseline} (fes servir MAINTAIN per mantenir un nivell)`
        : `${aims}: un canvi del ${params.targetChangePercent} % no ho fa (fes servir MAINTAIN per mantenir un nivell)`;
    },
    archived: ({ params }) => (params.what === undefined ? undefined : `${things[String(params.what)] ?? params.what} es va eliminar (es va arxivar amb el seu historial el ${String(params.archivedAt).slice(0, 10)}) i ja no es pot canviar`),
    connector: ({ params }) => (params.platform === undefined ? undefined : `cap connector no obté comptes de ${params.platform}: fes servir la font PUSH (webhook) o MANUAL (recordMetrics, importació CSV)`),
    'max-size': ({ params }) => (params.size === undefined ? undefined : `el fitxer ocupa ${params.size} bytes; divideix-lo en fitxers de com a màxim ${params.max} bytes`),
    min: ({ rule }) => `ha de ser com a mínim ${rule.slice('min:'.length)}`,
    max: ({ rule }) => `ha de ser com a màxim ${rule.slice('max:'.length)}: recorre la resta amb els cursors`,
    after: ({ rule }) => `ha de ser posterior a ${rule.slice('after:'.length)}`,
  },
  smart: caSmart,
  errors: caErrors,
};
