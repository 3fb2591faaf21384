/** GET /healthz (the process is up) and GET /readyz (Redis answers PING within a second). */
import type { CustomRoute } from '@slack/bolt';
import type { RedisClient } from '../redis.js';

const READY_TIMEOUT_MS = 1000;

export function healthRoute(): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
    },
  };
}

export async function redisAnswers(redis: RedisClient, timeoutMs = READY_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = redis.ping().then(
    (answer) => answer === 'PONG',
    () => false,
  );
  const ok = await Promise.race([ping, timeout]);
  clearTimeout(timer);
  return ok;
}

export function readyRoute(redis: RedisClient): CustomRoute {
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      void redisAnswers(redis).then((ok) => {
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' })
          .end(ok ? 'ready\n' : 'redis not answering\n');
      });
    },
  };
}
