/**
 * GET /healthz (the process is up) and GET /readyz (Redis answers PING within a second), with the
 * reason in the body when not ready. Before the bot is started, a small server answers both.
 */
import { createServer, type Server } from 'node:http';
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

/** `where` names Redis in the 503 body (hosts and ports, never the password). */
export function readyRoute(redis: RedisClient, where = 'Redis'): CustomRoute {
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      void redisAnswers(redis).then((ok) => {
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' })
          .end(ok ? 'ready\n' : `not ready: ${where} is not answering\n`);
      });
    },
  };
}

/**
 * While start-up waits for Slack or Redis: /healthz is 200 (the process is fine, do not restart
 * it), /readyz is 503 with the reason. Closed before the bot binds the same port.
 */
export function startStatusServer(port: number, reason: () => string | undefined): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
      return;
    }
    const why = reason() ?? 'checking Slack and Redis';
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end(`not ready: starting: ${why}\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
