export * from './freePort.ts';
export * from './localPostgres.ts';
export * from './localRedis.ts';
export * from './supervisedProcess.ts';
export * from './systemPackage.ts';
export * from './mailCatcher.ts';
