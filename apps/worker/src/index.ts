// The worker as a library, for whoever runs it in-process (tools, tests); `main.ts` is the process.
export { createWorkerApp, type WorkerApp, type WorkerAppOptions } from './workerApp.ts';
export { readWorkerEnv, type WorkerEnv } from './env.ts';
export { demoDay, demoMetrics, demoSource } from './sources/demoSource.ts';
export type { MetricSource, MetricSources, PulledSource } from './sources/metricSource.ts';
