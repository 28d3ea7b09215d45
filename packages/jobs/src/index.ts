export * from './jobCatalog.ts';
export * from './goalpostQueues.ts';
export * from './liveChannels.ts';
