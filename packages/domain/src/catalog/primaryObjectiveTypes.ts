import type { ObjectiveCategory } from '../vocabulary.ts';

/** One of seed 001's primary objective types: what it is, the categories that pursue it, and the KPIs it names. */
export interface PrimaryObjectiveType {
  id: 'SELL_THROUGH_SOCIAL' | 'SELL_ON_SOCIAL' | 'BRAND_IMAGE' | 'COMMUNICATION_CHANNEL' | 'WEB_VISITS';
  /** The seed's own words (Spanish). */
  seed: string;
  categories: readonly ObjectiveCategory[];
  /** Catalog ids of the KPIs the seed names for it. */
  kpis: readonly string[];
}

/**
 * Seed 001's primary objectives — those aligned with the company's own goals — with the concrete KPIs it
 * gives each: sales volume, conversion and cost of acquisition for selling; reputation, perception and a
 * cost per user for brand image; resolution, satisfaction and a cost per case for the service channel;
 * click-through, landing, bounce and clicks for web visits. ENGAGEMENT and AUDIENCE_GROWTH are not
 * among them: they support a primary objective rather than being one.
 */
export const primaryObjectiveTypes: readonly PrimaryObjectiveType[] = [
  { id: 'SELL_THROUGH_SOCIAL', seed: 'Vender gracias a las redes sociales', categories: ['SALES_VIA_SOCIAL', 'LEAD_GENERATION'], kpis: ['revenue', 'conversions', 'social_conversion_rate', 'cost_per_acquisition'] },
  { id: 'SELL_ON_SOCIAL', seed: 'Vender en redes sociales', categories: ['SOCIAL_COMMERCE'], kpis: ['revenue', 'conversions', 'conversion_rate', 'cost_per_acquisition'] },
  { id: 'BRAND_IMAGE', seed: 'Construir o alimentar una imagen de marca', categories: ['REPUTATION', 'AWARENESS'], kpis: ['cost_per_follower', 'sentiment', 'nps', 'share_of_voice'] },
  { id: 'COMMUNICATION_CHANNEL', seed: 'Consolidar las redes sociales como canal de comunicación', categories: ['CUSTOMER_CARE'], kpis: ['resolution_rate', 'csat', 'cost_per_resolved_case'] },
  { id: 'WEB_VISITS', seed: 'Dirigir visitas hacia nuestra web', categories: ['WEB_TRAFFIC'], kpis: ['click_through_rate', 'sessions', 'bounce_rate', 'link_clicks'] },
];

const primary = new Set<ObjectiveCategory>(primaryObjectiveTypes.flatMap((t) => t.categories));

/** Whether objectives of this category pursue one of seed 001's primary objectives. */
export function isPrimaryCategory(category: ObjectiveCategory): boolean {
  return primary.has(category);
}

/** The distinct primary categories among these, in the order first seen. */
export function primaryCategoriesOf(categories: readonly ObjectiveCategory[]): ObjectiveCategory[] {
  return [...new Set(categories.filter(isPrimaryCategory))];
}
