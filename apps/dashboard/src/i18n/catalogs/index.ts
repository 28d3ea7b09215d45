import type { Locale } from '../locales.ts';
import { ca } from './ca.ts';
import { en, type Messages } from './en.ts';
import { es } from './es.ts';
import { it } from './it.ts';

export type { Messages };
export const catalogs: Record<Locale, Messages> = { en, es, ca, it };
