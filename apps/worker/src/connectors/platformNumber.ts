import { ConnectorFailure } from './connectorFailure.ts';

/**
 * A metric value as platforms send it: a number or a numeric string (GA4, some Meta fields). Anything
 * else is an unreadable answer, never silently 0.
 */
export function platformNumber(value: unknown, where: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n)) return n;
  throw new ConnectorFailure('INVALID_RESPONSE', `${where}: expected a number, got ${JSON.stringify(value)?.slice(0, 40)}`);
}
