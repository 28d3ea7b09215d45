export * from './jobCatalog.ts';
export * from './goalpostQueues.ts';
export * from './liveChannels.ts';
export * from './jobRetention.ts';
export * from './sweepSchedules.ts';
export * from './redisConnections.ts';
