import { ambitiousUpTo, realisticUpTo } from '@goalpost/domain';
import type { SmartMessage, SmartWords } from '../smartMessage.ts';
import { smartPhrasing, suggestionOf } from '../smartPhrasing.ts';

const { n, signed, times, money, orList, andList, text, isNumber } = smartPhrasing('it');

/** The categories as the dashboard names them. */
const categories: Record<string, string> = {
  AWARENESS: 'Notorietà', REPUTATION: 'Reputazione', ENGAGEMENT: 'Coinvolgimento', AUDIENCE_GROWTH: 'Crescita del pubblico', WEB_TRAFFIC: 'Traffico web',
  LEAD_GENERATION: 'Generazione di lead', SALES_VIA_SOCIAL: 'Vendite dai social', SOCIAL_COMMERCE: 'Social commerce', CUSTOMER_CARE: 'Assistenza clienti',
};
const category = (x: unknown) => categories[String(x)] ?? text(x as string);
const name = (m: SmartMessage) => `Risultato chiave ${(m.keyResult ?? 0) + 1}${m.metric ? ` (${m.metric})` : ''}`;
const down = (m: SmartMessage) => m.params.direction === 'DECREASE';
const band = (m: SmartMessage) => {
  const target = Number(m.params.target);
  const tolerance = Number(m.params.tolerance);
  return `${n(target - tolerance)}–${n(target + tolerance)}`;
};
const weeksOfHistory = (m: SmartMessage) => `nelle ultime ${n(m.params.historyWeeks)} settimane`;

function deliver(m: SmartMessage, many: boolean): string {
  const platforms = text(m.params.deliveredBy) === '—' ? '' : orList(m.params.deliveredBy);
  return platforms
    ? `collega un account di ${platforms}, il cui connettore ${many ? 'le legge' : 'la legge'}, oppure invia, importa o inserisci i valori`
    : `nessun connettore ${many ? 'le legge' : 'la legge'}: invia, importa o inserisci i valori`;
}

function pace(m: SmartMessage): string {
  const p = m.params;
  if (p.basis === 'FLOW_VOLUME') return `richiede ${n(p.target)} nel periodo, ${n(p.required)} a settimana, contro ${n(p.historical)} a settimana ${weeksOfHistory(m)}`;
  return `richiede ${signed(p.required)} a settimana contro ${signed(p.historical)} a settimana ${weeksOfHistory(m)}`;
}

function fix(m: SmartMessage): string {
  const target = suggestionOf(m, 'TARGET_AT_REALISTIC_PACE');
  const deadline = suggestionOf(m, 'DEADLINE_FOR_TARGET');
  if (target === null) {
    return m.params.historical === 0
      ? 'lo storico è rimasto fermo, quindi pianifica cosa lo muoverà (il budget, le sponsorizzazioni e i contenuti che valuta Realistico) o abbassa l’obiettivo'
      : 'prima inverti la tendenza che mostra lo storico, o riduci l’ambizione dell’obiettivo';
  }
  return `porta l’obiettivo a circa ${n(target)}${deadline ? ` o sposta la scadenza a circa il ${deadline}` : ''} per restare entro ${n(realisticUpTo)}× quel ritmo`;
}

const missingWords: Record<string, string> = { metric: 'una metrica', scope: 'un ambito (un account o una piattaforma)', number: 'un numero esplicito (target o targetChangePercent)' };

export const itSmart: SmartWords = {
  NO_KEY_RESULTS: () => 'L’obiettivo non ha alcun risultato chiave: aggiungine uno con una metrica, un ambito (un account o una piattaforma) e un numero obiettivo.',
  KEY_RESULT_INCOMPLETE: (m) => `A ${name(m)} manca ${andList(String(m.params.missing ?? '').split(',').map((k) => missingWords[k] ?? k).join(','))}; completalo.`,
  TARGET_AGAINST_DIRECTION: (m) => {
    const wants = down(m) ? 'sotto' : 'sopra';
    return `${name(m)}: un risultato chiave ${down(m) ? 'che riduce (DECREASE)' : 'che aumenta (INCREASE)'} punta ${wants} il suo valore di partenza, e l’obiettivo ${n(m.params.target)} non è ${wants} ${n(m.params.baseline)} (il valore di partenza letto dallo storico prima dell’inizio); ${down(m) ? 'abbassa' : 'alza'} l’obiettivo oltre, o usa MAINTAIN per mantenere il livello.`;
  },
  NO_METRIC: (m) => `${name(m)} non ha una metrica; scegline una dal catalogo delle metriche.`,
  UNKNOWN_METRIC: (m) => `${name(m)}: «${text(m.params.metric)}» non è nel catalogo delle metriche; scegli una metrica del catalogo, come followers o engagement_rate_by_reach.`,
  NO_ACCOUNT_IN_SCOPE: (m) => `${name(m)}: non c’è ancora alcun account nel suo ambito, quindi nulla fornisce ${text(m.params.metric)}; ${deliver(m, false)}.`,
  METRIC_NOT_DELIVERED: (m) => {
    const missing = orList(m.params.missing);
    const inScope = text(m.params.connectorsInScope) === '—' ? `nessun account del suo ambito fornisce ${missing}` : `i connettori del suo ambito (${andList(m.params.connectorsInScope)}) non leggono ${missing}`;
    return `${name(m)}: ${inScope} e non è stato inviato né importato nulla; ${deliver(m, String(m.params.missing ?? '').includes(','))}.`;
  },
  NO_SOURCE: (m) => `${name(m)}: nessuna fonte collegata fornisce ${text(m.params.metric)} in questo ambito; collega un account, oppure invia, importa o inserisci i valori.`,
  METRIC_RETIRED: (m) => `${name(m)}: la sua piattaforma ha ritirato ${text(m.params.metric)} dal ${text(m.params.since)}; scegli una metrica che venga ancora pubblicata.`,
  PLATFORM_RETIRES_METRIC: (m) => `${name(m)}: ${text(m.params.platform)} smette di pubblicare ${text(m.params.platformMetric)} (letta come ${text(m.params.metric)}) dal ${text(m.params.deprecatedOn)}, quindi da allora il risultato chiave non riceve nuovi valori; scegli una metrica che venga ancora pubblicata o anticipa la scadenza.`,
  NO_PERIOD: (m) => `${name(m)} non può essere valutato rispetto al suo storico senza un inizio e una scadenza successiva; impostali entrambi.`,
  NO_HISTORY: (m) => `${name(m)} non ha uno storico con cui valutarne l’obiettivo; verifica l’account (collegalo e lascia che carichi lo storico, o importa valori passati) prima di impegnarti sul numero.`,
  MAINTAIN_DRIFTS: (m) => `${name(m)}: al ritmo del suo storico (${signed(m.params.rate)} a settimana) arriverebbe a ${n(m.params.projected)}, fuori dalla fascia ${band(m)} che deve mantenere; pianifica cosa lo terrà dentro o allarga la fascia.`,
  MAINTAIN_OUTSIDE_BAND: (m) => `${name(m)} parte da ${n(m.params.baseline)}, fuori dalla fascia ${band(m)} che deve mantenere; sposta l’obiettivo dove si trova la metrica, o rendilo un risultato chiave INCREASE o DECREASE.`,
  TARGET_NOT_BEYOND_PREVIOUS_PERIOD: (m) => `${name(m)}: l’obiettivo ${n(m.params.target)} non è ${down(m) ? 'sotto' : 'sopra'} i ${n(m.params.baseline)} contati nello stesso periodo prima dell’inizio${m.basis?.from ? ` (${m.basis.from} – ${m.basis.to})` : ''}; imposta un obiettivo che faccia ${down(m) ? 'scendere' : 'salire'} il conteggio.`,
  TARGET_ALREADY_MET: (m) => `${name(m)}: il valore di partenza ${n(m.params.baseline)} raggiunge già l’obiettivo ${n(m.params.target)}; imposta un obiettivo che faccia ${down(m) ? 'scendere' : 'salire'} la metrica.`,
  UNREALISTIC: (m) => `${name(m)} ${pace(m)} ${times(m.params.ratio) ? `(${times(m.params.ratio)})` : 'mentre lo storico non si muove in quella direzione'}: irrealistico ${m.verdict === 'FAIL' ? 'per un obiettivo SMART' : 'anche per un OKR'}; ${fix(m)}.`,
  AMBITIOUS: (m) => `${name(m)} ${pace(m)} (${times(m.params.ratio) ?? '—'}): ambizioso (tra ${n(realisticUpTo)}× e ${n(ambitiousUpTo)}× lo storico); pianifica cosa cambierà per arrivarci, oppure ${fix(m)}.`,
  DEADLINE_PASSED: (m) => `La scadenza ${text(m.params.deadline)} è già passata (oggi è il ${text(m.params.today)}): non resta tempo per lavorarci; imposta una scadenza futura.`,
  TIME_LEFT_UNREALISTIC: (m) => timeLeft(m),
  TIME_LEFT_AMBITIOUS: (m) => timeLeft(m),
  BUDGET_MISSING: (m) => `L’obiettivo ha risultati chiave di costo ma nessun budget: ${isNumber(m.params.impliedSpend) ? `implicano una spesa di ${n(m.params.impliedSpend)}; imposta un budget di almeno quell’importo` : 'imposta il budget con cui verranno pagati'}.`,
  BUDGET_SHORT: (m) => `Il budget di ${money(m.params.budget, m.params.currency)} non copre ciò che implicano i risultati chiave di costo, ${money(m.params.impliedSpend, m.params.currency)}; aumenta il budget o riduci il volume su cui contano.`,
  NO_CONTENT_PLANNED: (m) => `${name(m)} si misura sui post pubblicati nel periodo${isNumber(m.params.needed) ? ` (al ritmo dello storico, circa ${m.params.needed})` : ''} e non ci sono ancora contenuti pianificati nei temi dell’obiettivo; pianifica i post (e ciò che li sponsorizza) che lo sosterranno.`,
  CONTENT_SHORT: (m) => `${name(m)} si misura sui post pubblicati nel periodo (al ritmo dello storico, circa ${n(m.params.needed)}) e ne sono pianificati ${n(m.params.planned)}; pianifica gli altri o aspettati che quelli non pianificati pesino su di esso.`,
  NO_GOAL: () => 'L’obiettivo non serve alcun obiettivo di business; collegalo all’obiettivo di business del piano che fa avanzare.',
  GOAL_NOT_FOUND: (m) => `L’obiettivo di business «${text(m.params.goalId)}» non esiste in questo spazio di lavoro; collega l’obiettivo a uno esistente.`,
  NO_CATEGORY: () => 'L’obiettivo non ha una categoria, quindi i suoi KPI non possono essere confrontati con quelli consigliati; scegli una categoria.',
  KPI_NOT_RECOMMENDED: (m) => `${name(m)} non è un KPI consigliato per ${category(m.params.category)}; assicurati che mostri i progressi verso l’obiettivo di business, o usane uno come ${text(m.params.recommended)}.`,
  TOO_MANY_PRIMARY_CATEGORIES: (m) => `Il piano persegue ${n(m.params.count)} categorie principali (${andList(String(m.params.categories ?? '').split(',').map(category).join(','))}), più delle ${n(m.params.max)} su cui è impostato per concentrarsi: più obiettivi principali persegue un piano, più è difficile raggiungerli e analizzarli separatamente; uniscine o eliminane alcuni, o spostali a un piano successivo.`,
  DATES_MISSING: (m) => {
    const both = m.params.missing === 'startsOn,deadline';
    return `L’obiettivo non ha ${both ? 'né inizio né scadenza' : m.params.missing === 'startsOn' ? 'un inizio' : 'una scadenza'}; ${both ? 'impostali entrambi' : m.params.missing === 'startsOn' ? 'impostalo' : 'impostala'} (AAAA-MM-GG).`;
  },
  DATES_INVALID: () => 'L’inizio e la scadenza devono essere giorni di calendario scritti AAAA-MM-GG; correggili.',
  DEADLINE_NOT_AFTER_START: (m) => `La scadenza ${text(m.params.deadline)} non è successiva all’inizio ${text(m.params.startsOn)}; spostala più avanti.`,
  OUTSIDE_PLAN_PERIOD: (m) => `L’obiettivo va dal ${text(m.params.startsOn)} al ${text(m.params.deadline)}, fuori dal periodo del piano (${text(m.params.planStartsOn)} – ${text(m.params.planEndsOn)}); tienilo all’interno.`,
  SPECIFIC_OK: () => 'Ogni risultato chiave indica una metrica, un ambito e un numero obiettivo esplicito.',
  MEASURABLE_OK: () => 'Ogni metrica è nel catalogo e una fonte del suo ambito la fornisce.',
  ATTAINABLE_OK: () => `Ogni obiettivo resta entro ${n(realisticUpTo)}× il ritmo che mostra il suo storico.`,
  REALISTIC_OK: (m) => {
    const p = m.params;
    const parts = [
      isNumber(p.weeks) ? `${n(p.weeks)} settimane di tempo` : null,
      isNumber(p.budget) ? `un budget di ${money(p.budget, p.currency)}` : null,
      isNumber(p.plannedContentItems) && p.plannedContentItems > 0 ? `${n(p.plannedContentItems)} contenuti pianificati` : null,
    ].filter((x): x is string => x !== null);
    return parts.length > 0 ? `Le risorse sono adeguate agli obiettivi: ${parts.join('; ')}.` : 'Nulla nelle risorse si oppone agli obiettivi.';
  },
  RELEVANT_OK: (m) => `Serve un obiettivo di business, con KPI consigliati per ${category(m.params.category)}.`,
  TIME_BOUND_OK: (m) => `Va dal ${text(m.params.startsOn)} a una scadenza il ${text(m.params.deadline)}${m.params.insidePlan ? ', entro il periodo del piano' : ''}.`,
};

function timeLeft(m: SmartMessage): string {
  const later = suggestionOf(m, 'DEADLINE_FOR_TARGET');
  const ratio = times(m.params.ratio);
  return `${name(m)}: con ${n(m.params.weeksLeft)} settimane davanti, passare da ${n(m.params.from)} a ${n(m.params.target)} richiede ${ratio ? `${ratio} il ritmo dello storico` : 'un ritmo che lo storico non ha mai mostrato'}; ${later ? `sposta la scadenza a circa il ${later}, oppure ` : ''}abbassa l’obiettivo.`;
}
