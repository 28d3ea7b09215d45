import type { BusinessGoalKind, Direction, ObjectiveStatus } from '@goalpost/domain';

export const reportLanguages = ['en', 'es', 'ca', 'it'] as const;
export type ReportLanguage = (typeof reportLanguages)[number];

/**
 * The words of a plan report. Status, goal-kind, direction and chart words are the dashboard's own
 * (apps/dashboard/src/i18n/catalogs), so a report reads as the screen it was downloaded from.
 */
export interface ReportWords {
  title: string;
  period: string;
  generatedOn: string;
  goals: string;
  noGoals: string;
  objectives: string;
  noObjectives: string;
  noKeyResults: string;
  objectivesByStatus: string;
  framework: string;
  score: string;
  noScore: string;
  deadline: string;
  measuredOn: string;
  everyAccountOf: (platform: string) => string;
  baseline: string;
  current: string;
  target: string;
  progress: string;
  expected: string;
  forecast: string;
  forecastRange: (value: string, low: string, high: string) => string;
  noForecast: string;
  noValue: string;
  noSeries: string;
  withoutGoal: string;
  status: Record<ObjectiveStatus, string>;
  goalKind: Record<BusinessGoalKind, string>;
  direction: Record<Direction, string>;
  chart: { actual: string; expected: string; target: string; forecast: string };
}

const en: ReportWords = {
  title: 'Plan report', period: 'Period', generatedOn: 'Generated on', goals: 'Business goals', noGoals: 'This plan has no business goal yet.',
  objectives: 'Objectives', noObjectives: 'No objective serves this goal yet.', noKeyResults: 'This objective has no key result, so nothing measures it yet.',
  objectivesByStatus: 'Objectives by status', framework: 'Framework', score: 'OKR score', noScore: 'No score yet', deadline: 'Deadline',
  measuredOn: 'Measured on', everyAccountOf: (p) => `every ${p} account`,
  baseline: 'Baseline', current: 'Current', target: 'Target', progress: 'Progress', expected: 'Expected by today', forecast: 'Forecast at the deadline',
  forecastRange: (v, lo, hi) => `${v} (likely ${lo}–${hi})`, noForecast: 'Not enough data for a forecast yet', noValue: '—',
  noSeries: 'No value in the period yet.', withoutGoal: 'Objectives of a removed goal',
  status: { ON_TRACK: 'On track', AT_RISK: 'At risk', OFF_TRACK: 'Off track', ACHIEVED: 'Achieved', MISSED: 'Missed', NO_DATA: 'No data', NOT_STARTED: 'Not started' },
  goalKind: {
    REVENUE: 'Revenue', MARKET_SHARE: 'Market share', CUSTOMER_BASE: 'Customer base', BRAND_VISIBILITY: 'Brand visibility', PRODUCT_LAUNCH: 'Product launch',
    CUSTOMER_FEEDBACK: 'Customer feedback', LOYALTY: 'Loyalty', COST_REDUCTION: 'Cost reduction', OTHER: 'Other',
  },
  direction: { INCREASE: 'Increase', DECREASE: 'Decrease', MAINTAIN: 'Maintain' },
  chart: { actual: 'Actual', expected: 'Expected path', target: 'Target', forecast: 'Forecast' },
};

const es: ReportWords = {
  title: 'Informe del plan', period: 'Periodo', generatedOn: 'Generado el', goals: 'Objetivos de negocio', noGoals: 'Este plan aún no tiene objetivos de negocio.',
  objectives: 'Objetivos', noObjectives: 'Ningún objetivo sirve aún a esta meta.', noKeyResults: 'Este objetivo no tiene resultados clave: nada lo mide todavía.',
  objectivesByStatus: 'Objetivos por estado', framework: 'Marco', score: 'Puntuación OKR', noScore: 'Aún sin puntuación', deadline: 'Fecha límite',
  measuredOn: 'Medido en', everyAccountOf: (p) => `todas las cuentas de ${p}`,
  baseline: 'Punto de partida', current: 'Actual', target: 'Objetivo', progress: 'Progreso', expected: 'Esperado a hoy', forecast: 'Previsión a la fecha límite',
  forecastRange: (v, lo, hi) => `${v} (probable ${lo}–${hi})`, noForecast: 'Aún no hay datos suficientes para una previsión', noValue: '—',
  noSeries: 'Aún no hay valores en el periodo.', withoutGoal: 'Objetivos de una meta eliminada',
  status: { ON_TRACK: 'En camino', AT_RISK: 'En riesgo', OFF_TRACK: 'Desviado', ACHIEVED: 'Logrado', MISSED: 'No logrado', NO_DATA: 'Sin datos', NOT_STARTED: 'Sin empezar' },
  goalKind: {
    REVENUE: 'Ingresos', MARKET_SHARE: 'Cuota de mercado', CUSTOMER_BASE: 'Base de clientes', BRAND_VISIBILITY: 'Visibilidad de marca', PRODUCT_LAUNCH: 'Lanzamiento de producto',
    CUSTOMER_FEEDBACK: 'Opinión de clientes', LOYALTY: 'Fidelización', COST_REDUCTION: 'Reducción de costes', OTHER: 'Otro',
  },
  direction: { INCREASE: 'Aumentar', DECREASE: 'Reducir', MAINTAIN: 'Mantener' },
  chart: { actual: 'Real', expected: 'Camino esperado', target: 'Objetivo', forecast: 'Previsión' },
};

const ca: ReportWords = {
  title: 'Informe del pla', period: 'Període', generatedOn: 'Generat el', goals: 'Objectius de negoci', noGoals: 'Aquest pla encara no té objectius de negoci.',
  objectives: 'Objectius', noObjectives: 'Encara cap objectiu no serveix aquesta meta.', noKeyResults: 'Aquest objectiu no té resultats clau: encara res no el mesura.',
  objectivesByStatus: 'Objectius per estat', framework: 'Marc', score: 'Puntuació OKR', noScore: 'Encara sense puntuació', deadline: 'Data límit',
  measuredOn: 'Mesurat a', everyAccountOf: (p) => `tots els comptes de ${p}`,
  baseline: 'Punt de partida', current: 'Actual', target: 'Objectiu', progress: 'Progrés', expected: 'Esperat a avui', forecast: 'Previsió a la data límit',
  forecastRange: (v, lo, hi) => `${v} (probable ${lo}–${hi})`, noForecast: 'Encara no hi ha prou dades per a una previsió', noValue: '—',
  noSeries: 'Encara no hi ha valors en el període.', withoutGoal: 'Objectius d’una meta eliminada',
  status: { ON_TRACK: 'En bon camí', AT_RISK: 'En risc', OFF_TRACK: 'Desviat', ACHIEVED: 'Assolit', MISSED: 'No assolit', NO_DATA: 'Sense dades', NOT_STARTED: 'No començat' },
  goalKind: {
    REVENUE: 'Ingressos', MARKET_SHARE: 'Quota de mercat', CUSTOMER_BASE: 'Base de clients', BRAND_VISIBILITY: 'Visibilitat de marca', PRODUCT_LAUNCH: 'Llançament de producte',
    CUSTOMER_FEEDBACK: 'Opinió dels clients', LOYALTY: 'Fidelització', COST_REDUCTION: 'Reducció de costos', OTHER: 'Altre',
  },
  direction: { INCREASE: 'Augmentar', DECREASE: 'Reduir', MAINTAIN: 'Mantenir' },
  chart: { actual: 'Real', expected: 'Camí esperat', target: 'Objectiu', forecast: 'Previsió' },
};

const it: ReportWords = {
  title: 'Rapporto del piano', period: 'Periodo', generatedOn: 'Generato il', goals: 'Obiettivi di business', noGoals: 'Questo piano non ha ancora obiettivi di business.',
  objectives: 'Obiettivi', noObjectives: 'Nessun obiettivo serve ancora questo traguardo.', noKeyResults: 'Questo obiettivo non ha risultati chiave: ancora niente lo misura.',
  objectivesByStatus: 'Obiettivi per stato', framework: 'Metodo', score: 'Punteggio OKR', noScore: 'Ancora nessun punteggio', deadline: 'Scadenza',
  measuredOn: 'Misurato su', everyAccountOf: (p) => `tutti gli account ${p}`,
  baseline: 'Punto di partenza', current: 'Attuale', target: 'Obiettivo', progress: 'Avanzamento', expected: 'Atteso a oggi', forecast: 'Previsione alla scadenza',
  forecastRange: (v, lo, hi) => `${v} (probabile ${lo}–${hi})`, noForecast: 'Dati ancora insufficienti per una previsione', noValue: '—',
  noSeries: 'Ancora nessun valore nel periodo.', withoutGoal: 'Obiettivi di un traguardo rimosso',
  status: { ON_TRACK: 'In linea', AT_RISK: 'A rischio', OFF_TRACK: 'Fuori rotta', ACHIEVED: 'Raggiunto', MISSED: 'Mancato', NO_DATA: 'Nessun dato', NOT_STARTED: 'Non iniziato' },
  goalKind: {
    REVENUE: 'Ricavi', MARKET_SHARE: 'Quota di mercato', CUSTOMER_BASE: 'Base clienti', BRAND_VISIBILITY: 'Visibilità del marchio', PRODUCT_LAUNCH: 'Lancio di prodotto',
    CUSTOMER_FEEDBACK: 'Opinioni dei clienti', LOYALTY: 'Fidelizzazione', COST_REDUCTION: 'Riduzione dei costi', OTHER: 'Altro',
  },
  direction: { INCREASE: 'Aumentare', DECREASE: 'Ridurre', MAINTAIN: 'Mantenere' },
  chart: { actual: 'Reale', expected: 'Percorso previsto', target: 'Obiettivo', forecast: 'Previsione' },
};

export const reportWords: Record<ReportLanguage, ReportWords> = { en, es, ca, it };
