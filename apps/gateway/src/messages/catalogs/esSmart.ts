import { ambitiousUpTo, realisticUpTo } from '@goalpost/domain';
import type { SmartMessage, SmartWords } from '../smartMessage.ts';
import { smartPhrasing, suggestionOf } from '../smartPhrasing.ts';

const { n, signed, times, money, orList, andList, text, isNumber } = smartPhrasing('es');

/** The categories as the dashboard names them. */
const categories: Record<string, string> = {
  AWARENESS: 'Notoriedad', REPUTATION: 'Reputación', ENGAGEMENT: 'Interacción', AUDIENCE_GROWTH: 'Crecimiento de audiencia', WEB_TRAFFIC: 'Tráfico web',
  LEAD_GENERATION: 'Captación de leads', SALES_VIA_SOCIAL: 'Ventas desde redes', SOCIAL_COMMERCE: 'Comercio social', CUSTOMER_CARE: 'Atención al cliente',
};
const category = (x: unknown) => categories[String(x)] ?? text(x as string);
const name = (m: SmartMessage) => `Resultado clave ${(m.keyResult ?? 0) + 1}${m.metric ? ` (${m.metric})` : ''}`;
const down = (m: SmartMessage) => m.params.direction === 'DECREASE';
const band = (m: SmartMessage) => {
  const target = Number(m.params.target);
  const tolerance = Number(m.params.tolerance);
  return `${n(target - tolerance)}–${n(target + tolerance)}`;
};
const weeksOfHistory = (m: SmartMessage) => `en las últimas ${n(m.params.historyWeeks)} semanas`;

function deliver(m: SmartMessage, many: boolean): string {
  const platforms = text(m.params.deliveredBy) === '—' ? '' : orList(m.params.deliveredBy);
  return platforms
    ? `conecta una cuenta de ${platforms}, cuyo conector ${many ? 'las obtiene' : 'la obtiene'}, o envía, importa o introduce los valores`
    : `ningún conector ${many ? 'las obtiene' : 'la obtiene'}: envía, importa o introduce los valores`;
}

function pace(m: SmartMessage): string {
  const p = m.params;
  if (p.basis === 'FLOW_VOLUME') return `necesita ${n(p.target)} en el periodo, ${n(p.required)} por semana, frente a ${n(p.historical)} por semana ${weeksOfHistory(m)}`;
  return `necesita ${signed(p.required)} por semana frente a ${signed(p.historical)} por semana ${weeksOfHistory(m)}`;
}

function fix(m: SmartMessage): string {
  const target = suggestionOf(m, 'TARGET_AT_REALISTIC_PACE');
  const deadline = suggestionOf(m, 'DEADLINE_FOR_TARGET');
  if (target === null) {
    return m.params.historical === 0
      ? 'el historial no se ha movido, así que planifica qué lo moverá (el presupuesto, las promociones y los contenidos que valora Realista) o baja el objetivo'
      : 'primero invierte la tendencia que muestra el historial, o rebaja la ambición del objetivo';
  }
  return `fija el objetivo en unos ${n(target)}${deadline ? ` o amplía la fecha límite hasta alrededor del ${deadline}` : ''} para no pasar de ${n(realisticUpTo)}× ese ritmo`;
}

const missingWords: Record<string, string> = { metric: 'una métrica', scope: 'un ámbito (una cuenta o una plataforma)', number: 'una cifra explícita (target o targetChangePercent)' };

export const esSmart: SmartWords = {
  NO_KEY_RESULTS: () => 'El objetivo no tiene ningún resultado clave: añade uno con una métrica, un ámbito (una cuenta o una plataforma) y una cifra objetivo.',
  KEY_RESULT_INCOMPLETE: (m) => `A ${name(m)} le falta ${andList(String(m.params.missing ?? '').split(',').map((k) => missingWords[k] ?? k).join(','))}; complétalo.`,
  TARGET_AGAINST_DIRECTION: (m) => {
    const wants = down(m) ? 'por debajo' : 'por encima';
    return `${name(m)}: un resultado clave ${down(m) ? 'que reduce (DECREASE)' : 'que aumenta (INCREASE)'} apunta ${wants} de su punto de partida, y el objetivo ${n(m.params.target)} no está ${wants} de ${n(m.params.baseline)} (el punto de partida leído del historial antes del inicio); ${down(m) ? 'baja' : 'sube'} el objetivo más allá, o usa MAINTAIN para mantener el nivel.`;
  },
  NO_METRIC: (m) => `${name(m)} no tiene métrica; elige una del catálogo de métricas.`,
  UNKNOWN_METRIC: (m) => `${name(m)}: «${text(m.params.metric)}» no está en el catálogo de métricas; elige una métrica del catálogo, como followers o engagement_rate_by_reach.`,
  NO_ACCOUNT_IN_SCOPE: (m) => `${name(m)}: aún no hay ninguna cuenta en su ámbito, así que nada aporta ${text(m.params.metric)}; ${deliver(m, false)}.`,
  METRIC_NOT_DELIVERED: (m) => {
    const missing = orList(m.params.missing);
    const inScope = text(m.params.connectorsInScope) === '—' ? `ninguna cuenta de su ámbito aporta ${missing}` : `los conectores de su ámbito (${andList(m.params.connectorsInScope)}) no obtienen ${missing}`;
    return `${name(m)}: ${inScope} y no se ha enviado ni importado nada para ello; ${deliver(m, String(m.params.missing ?? '').includes(','))}.`;
  },
  NO_SOURCE: (m) => `${name(m)}: ninguna fuente conectada aporta ${text(m.params.metric)} en este ámbito; conecta una cuenta, o envía, importa o introduce los valores.`,
  METRIC_RETIRED: (m) => `${name(m)}: su plataforma retiró ${text(m.params.metric)} el ${text(m.params.since)}; elige una métrica que siga publicándose.`,
  PLATFORM_RETIRES_METRIC: (m) => `${name(m)}: ${text(m.params.platform)} deja de publicar ${text(m.params.platformMetric)} (leída como ${text(m.params.metric)}) a partir del ${text(m.params.deprecatedOn)}, así que desde entonces el resultado clave no recibe valores nuevos; elige una métrica que siga publicándose o adelanta la fecha límite.`,
  NO_PERIOD: (m) => `${name(m)} no se puede valorar frente a su historial sin un inicio y una fecha límite posterior; fija ambos.`,
  NO_HISTORY: (m) => `${name(m)} no tiene historial con el que valorar su objetivo; audita la cuenta (conéctala y deja que cargue su historial, o importa valores pasados) antes de comprometerte con la cifra.`,
  MAINTAIN_DRIFTS: (m) => `${name(m)}: al ritmo de su historial (${signed(m.params.rate)} por semana) llegaría a ${n(m.params.projected)}, fuera de la banda ${band(m)} que debe mantener; planifica qué lo mantendrá en ella o amplía la banda.`,
  MAINTAIN_OUTSIDE_BAND: (m) => `${name(m)} parte de ${n(m.params.baseline)}, fuera de la banda ${band(m)} que debe mantener; mueve el objetivo a donde está la métrica, o conviértelo en un resultado clave INCREASE o DECREASE.`,
  TARGET_NOT_BEYOND_PREVIOUS_PERIOD: (m) => `${name(m)}: el objetivo ${n(m.params.target)} no está ${down(m) ? 'por debajo' : 'por encima'} de los ${n(m.params.baseline)} contados en el mismo tiempo antes del inicio${m.basis?.from ? ` (${m.basis.from} – ${m.basis.to})` : ''}; fija un objetivo que haga ${down(m) ? 'bajar' : 'subir'} el recuento.`,
  TARGET_ALREADY_MET: (m) => `${name(m)}: el punto de partida ${n(m.params.baseline)} ya cumple el objetivo ${n(m.params.target)}; fija un objetivo que haga ${down(m) ? 'bajar' : 'subir'} la métrica.`,
  UNREALISTIC: (m) => `${name(m)} ${pace(m)} ${times(m.params.ratio) ? `(${times(m.params.ratio)})` : 'mientras el historial no se mueve en esa dirección'}: poco realista ${m.verdict === 'FAIL' ? 'para un objetivo SMART' : 'incluso para un OKR'}; ${fix(m)}.`,
  AMBITIOUS: (m) => `${name(m)} ${pace(m)} (${times(m.params.ratio) ?? '—'}): ambicioso (entre ${n(realisticUpTo)}× y ${n(ambitiousUpTo)}× el historial); planifica qué cambiará para llegar, o ${fix(m)}.`,
  DEADLINE_PASSED: (m) => `La fecha límite ${text(m.params.deadline)} ya ha pasado (hoy es ${text(m.params.today)}): no queda tiempo para trabajar hacia ella; fija una fecha límite futura.`,
  TIME_LEFT_UNREALISTIC: (m) => timeLeft(m),
  TIME_LEFT_AMBITIOUS: (m) => timeLeft(m),
  BUDGET_MISSING: (m) => `El objetivo tiene resultados clave de coste pero ningún presupuesto: ${isNumber(m.params.impliedSpend) ? `implican un gasto de ${n(m.params.impliedSpend)}; fija un presupuesto de al menos esa cantidad` : 'fija el presupuesto con el que se pagarán'}.`,
  BUDGET_SHORT: (m) => `El presupuesto de ${money(m.params.budget, m.params.currency)} no llega a lo que implican los resultados clave de coste, ${money(m.params.impliedSpend, m.params.currency)}; sube el presupuesto o reduce el volumen con el que cuentan.`,
  NO_CONTENT_PLANNED: (m) => `${name(m)} se mide sobre las publicaciones del periodo${isNumber(m.params.needed) ? ` (al ritmo del historial, unas ${m.params.needed})` : ''} y aún no hay contenidos planificados en los temas del objetivo; planifica las publicaciones (y lo que las promocione) que lo sostendrán.`,
  CONTENT_SHORT: (m) => `${name(m)} se mide sobre las publicaciones del periodo (al ritmo del historial, unas ${n(m.params.needed)}) y hay ${n(m.params.planned)} planificadas; planifica el resto o cuenta con que las no planificadas pesen en él.`,
  NO_GOAL: () => 'El objetivo no sirve a ningún objetivo de negocio; vincúlalo al objetivo de negocio del plan al que hace avanzar.',
  GOAL_NOT_FOUND: (m) => `El objetivo de negocio «${text(m.params.goalId)}» no existe en este espacio de trabajo; vincula el objetivo a uno que exista.`,
  NO_CATEGORY: () => 'El objetivo no tiene categoría, así que sus KPI no se pueden comparar con los recomendados; elige una categoría.',
  KPI_NOT_RECOMMENDED: (m) => `${name(m)} no es un KPI recomendado para ${category(m.params.category)}; asegúrate de que muestra el avance hacia el objetivo de negocio, o usa uno como ${text(m.params.recommended)}.`,
  TOO_MANY_PRIMARY_CATEGORIES: (m) => `El plan persigue ${n(m.params.count)} categorías principales (${andList(String(m.params.categories ?? '').split(',').map(category).join(','))}), más de las ${n(m.params.max)} en las que está configurado para centrarse: cuantos más objetivos principales persigue un plan, más difícil es alcanzar cada uno y analizarlo por separado; fusiona o quita algunos, o pásalos a un plan posterior.`,
  DATES_MISSING: (m) => {
    const both = m.params.missing === 'startsOn,deadline';
    return `El objetivo no tiene ${both ? 'inicio ni fecha límite' : m.params.missing === 'startsOn' ? 'inicio' : 'fecha límite'}; ${both ? 'fija ambos' : 'fíjalo'} (AAAA-MM-DD).`;
  },
  DATES_INVALID: () => 'El inicio y la fecha límite deben ser días del calendario escritos AAAA-MM-DD; corrígelos.',
  DEADLINE_NOT_AFTER_START: (m) => `La fecha límite ${text(m.params.deadline)} no es posterior al inicio ${text(m.params.startsOn)}; muévela más adelante.`,
  OUTSIDE_PLAN_PERIOD: (m) => `El objetivo va del ${text(m.params.startsOn)} al ${text(m.params.deadline)}, fuera del periodo del plan (${text(m.params.planStartsOn)} – ${text(m.params.planEndsOn)}); mantenlo dentro.`,
  SPECIFIC_OK: () => 'Cada resultado clave indica una métrica, un ámbito y una cifra objetivo explícita.',
  MEASURABLE_OK: () => 'Cada métrica está en el catálogo y una fuente de su ámbito la aporta.',
  ATTAINABLE_OK: () => `Cada objetivo está dentro de ${n(realisticUpTo)}× el ritmo que muestra su historial.`,
  REALISTIC_OK: (m) => {
    const p = m.params;
    const parts = [
      isNumber(p.weeks) ? `${n(p.weeks)} semanas de plazo` : null,
      isNumber(p.budget) ? `un presupuesto de ${money(p.budget, p.currency)}` : null,
      isNumber(p.plannedContentItems) && p.plannedContentItems > 0 ? `${n(p.plannedContentItems)} contenidos planificados` : null,
    ].filter((x): x is string => x !== null);
    return parts.length > 0 ? `Los recursos encajan con los objetivos: ${parts.join('; ')}.` : 'Nada en los recursos se opone a los objetivos.';
  },
  RELEVANT_OK: (m) => `Sirve a un objetivo de negocio, con KPI recomendados para ${category(m.params.category)}.`,
  TIME_BOUND_OK: (m) => `Va del ${text(m.params.startsOn)} a una fecha límite el ${text(m.params.deadline)}${m.params.insidePlan ? ', dentro del periodo del plan' : ''}.`,
};

function timeLeft(m: SmartMessage): string {
  const later = suggestionOf(m, 'DEADLINE_FOR_TARGET');
  const ratio = times(m.params.ratio);
  return `${name(m)}: con ${n(m.params.weeksLeft)} semanas por delante, pasar de ${n(m.params.from)} a ${n(m.params.target)} necesita ${ratio ? `${ratio} el ritmo del historial` : 'un ritmo que el historial nunca mostró'}; ${later ? `mueve la fecha límite a alrededor del ${later}, o ` : ''}baja el objetivo.`;
}
