import type { StatusMessageCode } from '@goalpost/domain';
import { passwordMaxLength, passwordMinLength } from '../../auth/passwordPolicy.ts';
import type { ApiMessages } from '../apiMessages.ts';
import { percentIn } from '../percent.ts';
import { itErrors } from './itErrors.ts';
import { itSmart } from './itSmart.ts';

const pct = percentIn('it');
const sizeOf = (origin: unknown) => (origin === 'string' ? ' caratteri' : origin === 'array' ? ' elementi' : '');

const alertStates: Record<string, string> = { OPEN: 'Aperto', ACKNOWLEDGED: 'Preso in carico', RESOLVED: 'Risolto' };
/** The lists a new order names, singular and plural. */
const lists: Record<string, [string, string]> = { objective: ['obiettivo', 'obiettivi'], 'key result': ['risultato chiave', 'risultati chiave'] };

const things: Record<string, string> = { 'business goal': 'l’obiettivo di business', objective: 'l’obiettivo', 'key result': 'il risultato chiave', theme: 'il tema', 'content item': 'il contenuto' };

export const it: ApiMessages = {
  status({ code, params }) {
    const score = params.score === null ? 'ancora senza punteggio' : pct(params.score);
    const bar = pct(params.successFrom);
    switch (code as StatusMessageCode) {
      case 'NOT_STARTED': return 'Non ancora iniziato.';
      case 'NO_DATA': return 'Ancora nessun dato: collega o invia le metriche lette dai suoi risultati chiave.';
      case 'SMART_ACHIEVED': return 'Obiettivo raggiunto.';
      case 'SMART_MISSED': return 'La scadenza è passata senza raggiungere l’obiettivo.';
      case 'SMART_ON_TRACK': return 'In linea per raggiungere l’obiettivo entro la scadenza.';
      case 'SMART_AT_RISK': return 'A rischio: un po’ indietro rispetto al percorso verso l’obiettivo.';
      case 'SMART_OFF_TRACK': return 'Fuori strada: molto indietro rispetto al percorso verso l’obiettivo.';
      case 'OKR_ACHIEVED': return `Raggiunto del tutto (punteggio ${score}): oltre il ${bar} che conta come successo.`;
      case 'OKR_MISSED_SUCCESS': return `Chiuso al ${score}: un successo secondo gli OKR (${bar} o più).`;
      case 'OKR_MISSED': return `Chiuso al ${score}, sotto il ${bar} che conta come successo.`;
      case 'OKR_ON_TRACK_SUCCESS': return `Al passo, e già un successo (punteggio ${score}, dal ${bar}).`;
      case 'OKR_ON_TRACK': return `Al passo (punteggio ${score}, livello ${params.grade ?? '—'}; successo dal ${bar}).`;
      case 'OKR_AT_RISK_SUCCESS': return `Indietro sul ritmo, ma già un successo (punteggio ${score}, dal ${bar}).`;
      case 'OKR_AT_RISK': return `Indietro sul ritmo (punteggio ${score}): il ${bar} è ancora raggiungibile se la tendenza migliora.`;
      case 'OKR_OFF_TRACK_SUCCESS': return `Molto indietro sul ritmo, anche se già al ${score} (successo dal ${bar}).`;
      case 'OKR_OFF_TRACK': return `Molto indietro sul ritmo (punteggio ${score}, successo dal ${bar}): ripensa le iniziative che lo sostengono.`;
    }
    return code;
  },
  inputSummary: (issues) => `Dati non validi — ${issues.join('; ')}. Non è stato cambiato nulla.`,
  inputRules: {
    required: () => 'è obbligatorio',
    'not-empty': () => 'non può essere vuoto',
    finite: () => 'deve essere un numero finito',
    magnitude: () => `deve essere entro ±${Number.MAX_SAFE_INTEGER}`,
    url: () => 'deve essere un URL assoluto, come https://example.com/post',
    'url-scheme': ({ params }) => `deve essere un URL https:// (o http:// dove ammesso)${params.scheme ? `, non ${params.scheme}` : ''}`,
    'url-credentials': () => 'non può contenere nome utente né password; le consegne sono già firmate',
    'control-characters': () => 'non può contenere caratteri di controllo',
    unicode: () => 'deve essere testo Unicode valido',
    taken: () => 'ha già un account: accedi invece di registrarti',
    'not-email': () => 'non può essere né contenere il tuo indirizzo email',
    common: () => 'è una delle password più comuni, le prime che vengono provate: scegline un’altra',
    length: () => `deve avere da ${passwordMinLength} a ${passwordMaxLength} caratteri (qualche parola è una buona password)`,
    catalog: () => 'non è una metrica del catalogo (metricCatalog le elenca)',
    'last-owner': () => 'lo spazio di lavoro ha bisogno di almeno un proprietario',
    too_small: ({ params }) => (params.minimum === undefined ? undefined : `deve essere almeno ${params.minimum}${sizeOf(params.origin)}`),
    too_big: ({ params }) => (params.maximum === undefined ? undefined : `deve essere al massimo ${params.maximum}${sizeOf(params.origin)}`),
    invalid_format: ({ params }) => (params.format === 'email' ? 'deve essere un indirizzo email' : params.format === 'url' ? 'deve essere un URL' : 'non ha il formato atteso'),
    invalid_type: ({ params }) => `deve essere di tipo ${String(params.expected ?? '—')}`,
    invalid_value: () => 'non è uno dei valori ammessi',
    'max-length': ({ params }) => (params.maximum === undefined ? undefined : `deve avere al massimo ${params.maximum} caratteri${params.length === undefined ? '' : `; ne ha ${params.length}`}`),
    range: ({ params }) => {
      if (params.min === undefined && params.max === undefined) return undefined;
      const from = params.min === undefined ? null : `${params.minExclusive ? 'maggiore di' : 'almeno'} ${params.min}`;
      const to = params.max === undefined ? null : `al massimo ${params.max}`;
      return `deve essere ${[from, to].filter(Boolean).join(' e ')}`;
    },
    state: ({ params }) => (params.state === undefined ? undefined : `l’avviso è nello stato «${alertStates[String(params.state)] ?? params.state}» e non può passare a «${alertStates[String(params.wanted)] ?? params.wanted}»`),
    exists: ({ params }) => ({ SocialAccount: 'questo account non esiste nel tuo spazio di lavoro', KeyResult: 'questo risultato chiave non esiste in questo obiettivo', Plan: 'non è un piano del tuo spazio di lavoro' } as Record<string, string>)[String(params.type)],
    member: ({ params }) =>
      params.type === 'Member' ? 'deve essere l’id di un membro di questo spazio di lavoro'
        : params.already ? 'fa già parte di questo spazio di lavoro: cambiane invece il ruolo'
          : params.list !== undefined ? `non è un ${lists[String(params.list)]?.[0] ?? params.list} di questo elenco (o è stato rimosso)` : undefined,
    unique: ({ params }) => (params.list === undefined ? undefined : `indica un ${lists[String(params.list)]?.[0] ?? params.list} già presente nell’elenco`),
    complete: ({ params }) => (params.missing === undefined ? undefined : `mancano ${params.missing} ${lists[String(params.list)]?.[1] ?? params.list}: indicali tutti, una sola volta, nel nuovo ordine`),
    kind: ({ params }) => (params.kind === undefined ? undefined : params.kind === 'EMAIL' ? 'un canale EMAIL riceve indirizzi email, non un URL' : `un canale ${params.kind} riceve un URL, non indirizzi email`),
    currency: () => 'deve essere un codice ISO 4217, come EUR',
    scope: () => 'indica un accountId o una platform: l’ambito su cui si misura il risultato chiave',
    exclusive: ({ rule, field }) => `indica ${rule.slice('exclusive:'.length)} oppure ${field.split('.').at(-1)}, non entrambi`,
    id: ({ rule }) => `deve essere l’id di un ${rule.slice('id:'.length)}, come restituito dall’API`,
    'time-zone': () => 'deve essere il nome di un fuso orario IANA, come Europe/Rome o America/New_York',
    unchanged: () => 'deve essere diversa dalla password attuale',
    direction: ({ params }) => {
      if (params.direction === undefined) return undefined;
      const up = params.direction === 'INCREASE';
      const aims = `un risultato chiave ${up ? 'che aumenta (INCREASE) punta sopra' : 'che riduce (DECREASE) punta sotto'} il suo valore di partenza`;
      return params.targetChangePercent === undefined
        ? `${aims}: l’obiettivo ${params.target} non è ${up ? 'sopra' : 'sotto'} ${params.baseline} (usa MAINTAIN per mantenere un livello)`
        : `${aims}: una variazione del ${params.targetChangePercent} % non lo fa (usa MAINTAIN per mantenere un livello)`;
    },
    archived: ({ params }) => (params.what === undefined ? undefined : `${things[String(params.what)] ?? params.what} è stato rimosso (archiviato con il suo storico il ${String(params.archivedAt).slice(0, 10)}) e non si può più modificare`),
    connector: ({ params }) => (params.platform === undefined ? undefined : `nessun connettore legge account ${params.platform}: usa la fonte PUSH (webhook) o MANUAL (recordMetrics, importazione CSV)`),
    'max-size': ({ params }) => (params.size === undefined ? undefined : `il file pesa ${params.size} byte; dividilo in file di al massimo ${params.max} byte`),
    min: ({ rule }) => `deve essere almeno ${rule.slice('min:'.length)}`,
    max: ({ rule }) => `deve essere al massimo ${rule.slice('max:'.length)}: scorri il resto con i cursori`,
    after: ({ rule }) => `deve essere successivo a ${rule.slice('after:'.length)}`,
  },
  smart: itSmart,
  errors: itErrors,
};
