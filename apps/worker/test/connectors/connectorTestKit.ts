import { expect } from 'vitest';
import type { Connector, ConnectorPage, ConnectorRequest } from '../../src/connectors/connector.ts';
import { ConnectorFailure } from '../../src/connectors/connectorFailure.ts';

/** The typed failure a fetch ends in; fails the test when it does not fail, or fails otherwise. */
export async function failureOf(promise: Promise<unknown>): Promise<ConnectorFailure> {
  const error = await promise.then(() => new Error('expected the fetch to fail'), (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorFailure);
  return error as ConnectorFailure;
}

/** Every page of one window, as the runtime walks it: each `next` passed back as `cursor`. */
export async function fetchAllPages(connector: Connector, first: ConnectorRequest, maxPages = 40) {
  const pages: ConnectorPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await connector.fetch({ ...first, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.next;
  } while (cursor && pages.length < maxPages);
  return { pages, points: pages.flatMap((p) => p.points) };
}

/** Points in a stable order (day, then metric), so tests compare sets of points. */
export const sortPoints = <T extends { metric: string; at: string }>(points: T[]) =>
  [...points].sort((a, b) => a.at.localeCompare(b.at) || a.metric.localeCompare(b.metric));
