import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { printContract } from '../src/schema/index.ts';

describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:print` after a deliberate change)', () => {
    const checkedIn = readFileSync(fileURLToPath(new URL('../schema.graphql', import.meta.url)), 'utf8');
    expect(printContract()).toBe(checkedIn);
  });

  it('keeps the names of the DESIGN.md contract', () => {
    const sdl = printContract();
    for (const name of [
      'node(id: ID!): Node', 'viewer: Viewer!', 'plans(after: String, before: String, first: Int, last: Int): PlanConnection!',
      'checkObjective(input: ObjectiveDraftInput!): SmartReport!', 'createPlan(input: CreatePlanInput!): CreatePlanPayload!',
      'acknowledgeAlert(id: ID!): AlertPayload!', 'rotateIngestSecret: RotateIngestSecretPayload!',
      'alertRaised(planId: ID): Alert!', 'keyResultEvaluated(planId: ID!): KeyResult!',
    ]) {
      expect(sdl).toContain(name);
    }
  });
});
