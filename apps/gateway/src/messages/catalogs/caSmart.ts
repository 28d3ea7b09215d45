import { ambitiousUpTo, realisticUpTo } from '@goalpost/domain';
import type { SmartMessage, SmartWords } from '../smartMessage.ts';
import { smartPhrasing, suggestionOf } from '../smartPhrasing.ts';

const { n, signed, times, money, orList, andList, text, isNumber } = smartPhrasing('ca');

/** The categories as the dashboard names them. */
const categories: Record<string, string> = {
  AWARENESS: 'Notorietat', REPUTATION: 'Reputació', ENGAGEMENT: 'Interacció', AUDIENCE_GROWTH: 'Creixement d’audiència', WEB_TRAFFIC: 'Trànsit web',
  LEAD_GENERATION: 'Captació de leads', SALES_VIA_SOCIAL: 'Vendes des de xarxes', SOCIAL_COMMERCE: 'Comerç social', CUSTOMER_CARE: 'Atenció al client',
};
const category = (x: unknown) => categories[String(x)] ?? text(x as string);
const name = (m: SmartMessage) => `Resultat clau ${(m.keyResult ?? 0) + 1}${m.metric ? ` (${m.metric})` : ''}`;
const down = (m: SmartMessage) => m.params.direction === 'DECREASE';
const band = (m: SmartMessage) => {
  const target = Number(m.params.target);
  const tolerance = Number(m.params.tolerance);
  return `${n(target - tolerance)}–${n(target + tolerance)}`;
};
const weeksOfHistory = (m: SmartMessage) => `en les últimes ${n(m.params.historyWeeks)} setmanes`;

function deliver(m: SmartMessage, many: boolean): string {
  const platforms = text(m.params.deliveredBy) === '—' ? '' : orList(m.params.deliveredBy);
  return platforms
    ? `connecta un compte de ${platforms}, el connector del qual ${many ? 'les obté' : 'l’obté'}, o envia, importa o introdueix els valors`
    : `cap connector ${many ? 'no les obté' : 'no l’obté'}: envia, importa o introdueix els valors`;
}

function pace(m: SmartMessage): string {
  const p = m.params;
  if (p.basis === 'FLOW_VOLUME') return `necessita ${n(p.target)} en el període, ${n(p.required)} per setmana, davant de ${n(p.historical)} per setmana ${weeksOfHistory(m)}`;
  return `necessita ${signed(p.required)} per setmana davant de ${signed(p.historical)} per setmana ${weeksOfHistory(m)}`;
}

function fix(m: SmartMessage): string {
  const target = suggestionOf(m, 'TARGET_AT_REALISTIC_PACE');
  const deadline = suggestionOf(m, 'DEADLINE_FOR_TARGET');
  if (target === null) {
    return m.params.historical === 0
      ? 'l’historial no s’ha mogut, així que planifica què el mourà (el pressupost, les promocions i els continguts que valora Realista) o abaixa l’objectiu'
      : 'primer inverteix la tendència que mostra l’historial, o rebaixa l’ambició de l’objectiu';
  }
  return `fixa l’objectiu en uns ${n(target)}${deadline ? ` o allarga la data límit fins cap al ${deadline}` : ''} per no passar de ${n(realisticUpTo)}× aquest ritme`;
}

const missingWords: Record<string, string> = { metric: 'una mètrica', scope: 'un àmbit (un compte o una plataforma)', number: 'una xifra explícita (target o targetChangePercent)' };

export const caSmart: SmartWords = {
  NO_KEY_RESULTS: () => 'L’objectiu no té cap resultat clau: afegeix-ne un amb una mètrica, un àmbit (un compte o una plataforma) i una xifra objectiu.',
  KEY_RESULT_INCOMPLETE: (m) => `Al ${name(m)} li falta ${andList(String(m.params.missing ?? '').split(',').map((k) => missingWords[k] ?? k).join(','))}; completa’l.`,
  TARGET_AGAINST_DIRECTION: (m) => {
    const wants = down(m) ? 'per sota' : 'per sobre';
    return `${name(m)}: un resultat clau ${down(m) ? 'que redueix (DECREASE)' : 'que augmenta (INCREASE)'} apunta ${wants} del seu punt de partida, i l’objectiu ${n(m.params.target)} no és ${wants} de ${n(m.params.baseline)} (el punt de partida llegit de l’historial abans de l’inici); ${down(m) ? 'abaixa' : 'apuja'} l’objectiu més enllà, o fes servir MAINTAIN per mantenir el nivell.`;
  },
  NO_METRIC: (m) => `${name(m)} no té mètrica; tria’n una del catàleg de mètriques.`,
  UNKNOWN_METRIC: (m) => `${name(m)}: «${text(m.params.metric)}» no és al catàleg de mètriques; tria una mètrica del catàleg, com ara followers o engagement_rate_by_reach.`,
  NO_ACCOUNT_IN_SCOPE: (m) => `${name(m)}: encara no hi ha cap compte en el seu àmbit, així que res no aporta ${text(m.params.metric)}; ${deliver(m, false)}.`,
  METRIC_NOT_DELIVERED: (m) => {
    const missing = orList(m.params.missing);
    const inScope = text(m.params.connectorsInScope) === '—' ? `cap compte del seu àmbit no aporta ${missing}` : `els connectors del seu àmbit (${andList(m.params.connectorsInScope)}) no obtenen ${missing}`;
    return `${name(m)}: ${inScope} i no s’hi ha enviat ni importat res; ${deliver(m, String(m.params.missing ?? '').includes(','))}.`;
  },
  NO_SOURCE: (m) => `${name(m)}: cap font connectada no aporta ${text(m.params.metric)} en aquest àmbit; connecta un compte, o envia, importa o introdueix els valors.`,
  METRIC_RETIRED: (m) => `${name(m)}: la seva plataforma va retirar ${text(m.params.metric)} el ${text(m.params.since)}; tria una mètrica que encara es publiqui.`,
  PLATFORM_RETIRES_METRIC: (m) => `${name(m)}: ${text(m.params.platform)} deixa de publicar ${text(m.params.platformMetric)} (llegida com a ${text(m.params.metric)}) a partir del ${text(m.params.deprecatedOn)}, així que des d’aleshores el resultat clau no rep valors nous; tria una mètrica que encara es publiqui o avança la data límit.`,
  NO_PERIOD: (m) => `${name(m)} no es pot valorar davant del seu historial sense un inici i una data límit posterior; fixa’ls tots dos.`,
  NO_HISTORY: (m) => `${name(m)} no té historial amb què valorar-ne l’objectiu; audita el compte (connecta’l i deixa que carregui l’historial, o importa valors passats) abans de comprometre’t amb la xifra.`,
  MAINTAIN_DRIFTS: (m) => `${name(m)}: al ritme del seu historial (${signed(m.params.rate)} per setmana) arribaria a ${n(m.params.projected)}, fora de la banda ${band(m)} que ha de mantenir; planifica què el mantindrà dins o amplia la banda.`,
  MAINTAIN_OUTSIDE_BAND: (m) => `${name(m)} parteix de ${n(m.params.baseline)}, fora de la banda ${band(m)} que ha de mantenir; mou l’objectiu on és la mètrica, o converteix-lo en un resultat clau INCREASE o DECREASE.`,
  TARGET_NOT_BEYOND_PREVIOUS_PERIOD: (m) => `${name(m)}: l’objectiu ${n(m.params.target)} no és ${down(m) ? 'per sota' : 'per sobre'} dels ${n(m.params.baseline)} comptats en el mateix temps abans de l’inici${m.basis?.from ? ` (${m.basis.from} – ${m.basis.to})` : ''}; fixa un objectiu que faci ${down(m) ? 'baixar' : 'pujar'} el recompte.`,
  TARGET_ALREADY_MET: (m) => `${name(m)}: el punt de partida ${n(m.params.baseline)} ja compleix l’objectiu ${n(m.params.target)}; fixa un objectiu que faci ${down(m) ? 'baixar' : 'pujar'} la mètrica.`,
  UNREALISTIC: (m) => `${name(m)} ${pace(m)} ${times(m.params.ratio) ? `(${times(m.params.ratio)})` : 'mentre l’historial no es mou en aquesta direcció'}: poc realista ${m.verdict === 'FAIL' ? 'per a un objectiu SMART' : 'fins i tot per a un OKR'}; ${fix(m)}.`,
  AMBITIOUS: (m) => `${name(m)} ${pace(m)} (${times(m.params.ratio) ?? '—'}): ambiciós (entre ${n(realisticUpTo)}× i ${n(ambitiousUpTo)}× l’historial); planifica què canviarà per arribar-hi, o ${fix(m)}.`,
  DEADLINE_PASSED: (m) => `La data límit ${text(m.params.deadline)} ja ha passat (avui és ${text(m.params.today)}): no queda temps per treballar-hi; fixa una data límit futura.`,
  TIME_LEFT_UNREALISTIC: (m) => timeLeft(m),
  TIME_LEFT_AMBITIOUS: (m) => timeLeft(m),
  BUDGET_MISSING: (m) => `L’objectiu té resultats clau de cost però cap pressupost: ${isNumber(m.params.impliedSpend) ? `impliquen una despesa de ${n(m.params.impliedSpend)}; fixa un pressupost d’almenys aquesta quantitat` : 'fixa el pressupost amb què es pagaran'}.`,
  BUDGET_SHORT: (m) => `El pressupost de ${money(m.params.budget, m.params.currency)} no arriba al que impliquen els resultats clau de cost, ${money(m.params.impliedSpend, m.params.currency)}; apuja el pressupost o redueix el volum amb què compten.`,
  NO_CONTENT_PLANNED: (m) => `${name(m)} es mesura sobre les publicacions del període${isNumber(m.params.needed) ? ` (al ritme de l’historial, unes ${m.params.needed})` : ''} i encara no hi ha continguts planificats en els temes de l’objectiu; planifica les publicacions (i el que les promocioni) que el sostindran.`,
  CONTENT_SHORT: (m) => `${name(m)} es mesura sobre les publicacions del període (al ritme de l’historial, unes ${n(m.params.needed)}) i n’hi ha ${n(m.params.planned)} de planificades; planifica la resta o compta que les no planificades hi pesaran.`,
  NO_GOAL: () => 'L’objectiu no serveix cap objectiu de negoci; vincula’l a l’objectiu de negoci del pla que fa avançar.',
  GOAL_NOT_FOUND: (m) => `L’objectiu de negoci «${text(m.params.goalId)}» no existeix en aquest espai de treball; vincula l’objectiu a un que existeixi.`,
  NO_CATEGORY: () => 'L’objectiu no té categoria, així que els seus KPI no es poden comparar amb els recomanats; tria una categoria.',
  KPI_NOT_RECOMMENDED: (m) => `${name(m)} no és un KPI recomanat per a ${category(m.params.category)}; assegura’t que mostra l’avenç cap a l’objectiu de negoci, o fes-ne servir un com ara ${text(m.params.recommended)}.`,
  TOO_MANY_PRIMARY_CATEGORIES: (m) => `El pla persegueix ${n(m.params.count)} categories principals (${andList(String(m.params.categories ?? '').split(',').map(category).join(','))}), més de les ${n(m.params.max)} en què està configurat per centrar-se: com més objectius principals persegueix un pla, més difícil és assolir-ne cadascun i analitzar-lo per separat; fusiona’n o treu-ne alguns, o passa’ls a un pla posterior.`,
  DATES_MISSING: (m) => {
    const both = m.params.missing === 'startsOn,deadline';
    return `L’objectiu no té ${both ? 'inici ni data límit' : m.params.missing === 'startsOn' ? 'inici' : 'data límit'}; ${both ? 'fixa’ls tots dos' : 'fixa’l'} (AAAA-MM-DD).`;
  },
  DATES_INVALID: () => 'L’inici i la data límit han de ser dies del calendari escrits AAAA-MM-DD; corregeix-los.',
  DEADLINE_NOT_AFTER_START: (m) => `La data límit ${text(m.params.deadline)} no és posterior a l’inici ${text(m.params.startsOn)}; mou-la més endavant.`,
  OUTSIDE_PLAN_PERIOD: (m) => `L’objectiu va del ${text(m.params.startsOn)} al ${text(m.params.deadline)}, fora del període del pla (${text(m.params.planStartsOn)} – ${text(m.params.planEndsOn)}); mantén-lo dins.`,
  SPECIFIC_OK: () => 'Cada resultat clau indica una mètrica, un àmbit i una xifra objectiu explícita.',
  MEASURABLE_OK: () => 'Cada mètrica és al catàleg i una font del seu àmbit l’aporta.',
  ATTAINABLE_OK: () => `Cada objectiu és dins de ${n(realisticUpTo)}× el ritme que mostra el seu historial.`,
  REALISTIC_OK: (m) => {
    const p = m.params;
    const parts = [
      isNumber(p.weeks) ? `${n(p.weeks)} setmanes de termini` : null,
      isNumber(p.budget) ? `un pressupost de ${money(p.budget, p.currency)}` : null,
      isNumber(p.plannedContentItems) && p.plannedContentItems > 0 ? `${n(p.plannedContentItems)} continguts planificats` : null,
    ].filter((x): x is string => x !== null);
    return parts.length > 0 ? `Els recursos encaixen amb els objectius: ${parts.join('; ')}.` : 'Res en els recursos no s’oposa als objectius.';
  },
  RELEVANT_OK: (m) => `Serveix un objectiu de negoci, amb KPI recomanats per a ${category(m.params.category)}.`,
  TIME_BOUND_OK: (m) => `Va del ${text(m.params.startsOn)} a una data límit el ${text(m.params.deadline)}${m.params.insidePlan ? ', dins del període del pla' : ''}.`,
};

function timeLeft(m: SmartMessage): string {
  const later = suggestionOf(m, 'DEADLINE_FOR_TARGET');
  const ratio = times(m.params.ratio);
  return `${name(m)}: amb ${n(m.params.weeksLeft)} setmanes per davant, passar de ${n(m.params.from)} a ${n(m.params.target)} necessita ${ratio ? `${ratio} el ritme de l’historial` : 'un ritme que l’historial no ha mostrat mai'}; ${later ? `mou la data límit cap al ${later}, o ` : ''}abaixa l’objectiu.`;
}
