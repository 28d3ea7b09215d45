import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Queue } from 'bullmq';
import { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { operatorUser, queueDashboardPath } from './queueDashboardPath.ts';

/**
 * Bull Board over every queue of the worker, behind HTTP Basic authentication (user `operator`, the
 * password OPERATOR_TOKEN): it can retry, promote and remove jobs, so it is an operator's tool and
 * never public. Mounted under `queueDashboardPath`.
 */
export function queueDashboard(queues: readonly Queue[], operatorToken: string): Hono {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(queueDashboardPath);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Goalpost queues' } },
  });
  const board = new Hono({ strict: false });
  board.use('*', basicAuth({ username: operatorUser, password: operatorToken, realm: 'Goalpost queues' }));
  board.route('/', serverAdapter.registerPlugin());
  return board;
}
