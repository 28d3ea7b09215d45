export { createTestDatabase, testRedisUrl, uniquePrefix } from './testDatabase.ts';
export { eventually } from './eventually.ts';
