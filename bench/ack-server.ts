/**
 * One app under benchmark, in its own process so its latency and memory are its own: `bot` (the real
 * /zoom bot) or `bare` (a Bolt app that only acks). Talks to the benchmark over IPC.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver } from '@slack/bolt';
import { createBot } from '../src/app.js';
import { closeServices, createServices } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import type { ZoomTokenSet } from '../src/zoom/types.js';

type Request = { type: 'rss' } | { type: 'idle' } | { type: 'stop' };

const mode = process.argv[2];
const send = (message: unknown) => process.send?.(message);

async function main(): Promise<void> {
  const quiet = createLogger('error', () => {});
  if (mode === 'bare') {
    const app = new App({
      receiver: new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET as string }),
      token: process.env.SLACK_BOT_TOKEN,
      logger: quiet as never,
      clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    });
    app.command('/zoom', async ({ ack }) => {
      await ack();
    });
    const server = (await app.start(0)) as Server;
    listen(
      (server.address() as AddressInfo).port,
      async () => {},
      () => app.stop(),
    );
    return;
  }
  const config = loadConfig();
  const services = createServices(config, quiet);
  const tokens = JSON.parse(process.env.BENCH_TOKENS as string) as ZoomTokenSet;
  await services.tokens.save({ teamId: 'T0001', userId: 'UBENCH' }, tokens);
  const bot = createBot(services, { port: 0 });
  const port = await bot.start(0);
  listen(
    port,
    async () => {
      await bot.idle();
      await services.jobs.idle();
    },
    async () => {
      await bot.stop();
      await closeServices(services);
    },
  );
}

function listen(port: number, idle: () => Promise<void>, stop: () => Promise<unknown>): void {
  process.on('message', (req: Request) => {
    void (async () => {
      if (req.type === 'rss') {
        (globalThis as { gc?: () => void }).gc?.();
        send({ type: 'rss', rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
      } else if (req.type === 'idle') {
        await idle();
        send({ type: 'idle' });
      } else {
        await stop();
        process.exit(0);
      }
    })();
  });
  send({ type: 'ready', port });
}

main().catch((err) => {
  process.stderr.write(`bench server failed: ${String(err)}\n`);
  process.exit(1);
});
