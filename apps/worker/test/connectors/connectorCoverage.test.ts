import { connectorMetrics, connectorOf, findMetric } from '@goalpost/domain';
import { describe, expect, it } from 'vitest';
import { connectors } from '../../src/connectors/connectorRegistry.ts';

describe("the domain's connector coverage", () => {
  it("lists exactly the catalog metrics each connector's metric map fetches, under its folder name", () => {
    for (const connector of connectors) {
      const coverage = connectorOf(connector.platform);
      expect(coverage, connector.id).toBeDefined();
      expect(coverage!.connector).toBe(connector.id);
      expect([...coverage!.metrics].sort(), connector.id).toEqual(Object.keys(connector.metrics).sort());
    }
    expect(connectorMetrics.map((c) => c.connector).sort()).toEqual(connectors.map((c) => c.id).sort());
  });

  it('names only raw catalog metrics', () => {
    for (const { connector, metrics } of connectorMetrics) {
      for (const metric of metrics) expect(findMetric(metric)?.kind, `${connector}: ${metric}`).toMatch(/^(FLOW|CUMULATIVE)$/);
    }
  });
});
