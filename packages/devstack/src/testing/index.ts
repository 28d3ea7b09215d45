export { createTestDatabase, testRedisUrl, uniquePrefix } from './testDatabase.ts';
