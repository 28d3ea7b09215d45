import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships ESM and CJS builds; loading both breaks its instanceof checks ("another module or realm").
const graphqlCjs = createRequire(import.meta.url).resolve('graphql/index.js');

const timeouts = { testTimeout: 30_000, hookTimeout: 120_000 };
const project = (name: string, root: string) => ({
  resolve: { alias: { graphql: graphqlCjs } },
  test: { name, root, include: ['src/**/*.test.ts', 'test/**/*.test.ts'], ...timeouts },
});

export default defineConfig({
  test: {
    // One PostgreSQL and one Redis for the whole run (root-level globalSetup runs once, not per project);
    // each test file makes its own database and queue prefix.
    globalSetup: ['packages/devstack/src/testing/globalSetup.ts', 'packages/db/test/migrateTestTemplate.ts'],
    ...timeouts,
    projects: [
      project('domain', 'packages/domain'),
      project('db', 'packages/db'),
      project('jobs', 'packages/jobs'),
      project('credentials', 'packages/credentials'),
      project('settings', 'packages/settings'),
      project('devstack', 'packages/devstack'),
      project('gateway', 'apps/gateway'),
      project('worker', 'apps/worker'),
      project('dashboard', 'apps/dashboard'),
      project('e2e', 'e2e'),
    ],
  },
});
