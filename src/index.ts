/**
 * Entry point: reads the settings, checks Slack, Redis and Zoom, starts the bot, and shuts down
 * cleanly on SIGTERM / SIGINT. Every way it ends is one readable line and an exit code (EXIT).
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { createBot } from './app.js';
import { closeServices, createServices } from './bootstrap.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { causeOf } from './failure-cause.js';
import { startStatusServer } from './http/health.js';
import { createLogger, type Logger } from './log.js';
import {
  type BotIdentity,
  checkRedis,
  checkSlack,
  checkZoom,
  describeConfigError,
  EXIT,
  StartupFailure,
  untilPasses,
} from './startup.js';

const CHECK_TIMEOUT_MS = 5000;
const STOP_GRACE_MS = 25_000;

function readConfig(): Config {
  // `npm start` reads ./.env when there is one; variables already in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${describeConfigError(err)}\n`);
    process.exit(EXIT.config);
  }
}

async function main(config: Config, logger: Logger): Promise<void> {
  const services = createServices(config, logger);
  let redisError: string | undefined;
  services.redis.on('error', (err: Error) => {
    redisError = causeOf(err);
  });

  // Until Slack and Redis answer, a small server tells /readyz why (the bot's own routes come after).
  const waiting = new Map<string, string>();
  const status: Server = await startStatusServer(config.port, () =>
    waiting.size === 0 ? undefined : [...waiting.values()].join('; '),
  );
  const deadline = config.startupTimeoutSeconds > 0 ? Date.now() + config.startupTimeoutSeconds * 1000 : 0;
  const track = (name: string) => (reason: string | undefined) =>
    reason === undefined ? waiting.delete(name) : waiting.set(name, reason);
  let identity: BotIdentity | undefined;
  try {
    [identity] = await Promise.all([
      // Installed through OAuth there is no bot token to check: each workspace brings its own.
      config.slack.botToken === undefined
        ? undefined
        : untilPasses('Slack', () => checkSlack(config, config.slack.botToken as string, CHECK_TIMEOUT_MS), {
            logger,
            deadline,
            onWaiting: track('slack'),
          }),
      untilPasses(
        'Redis',
        () => checkRedis(services.redis, config.redis, () => redisError, CHECK_TIMEOUT_MS),
        {
          logger,
          deadline,
          onWaiting: track('redis'),
        },
      ),
      checkZoom(config, logger, CHECK_TIMEOUT_MS),
    ]);
  } finally {
    await new Promise((resolve) => status.close(resolve));
  }
  if (identity)
    logger.info(`Slack accepts the bot token (bot user ${identity.botUserId}, team ${identity.teamId})`);

  const bot = createBot(services, identity ? { identity } : {});
  let stopping = false;
  stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    // A job still waiting on Redis or Zoom must not hold the process past an orchestrator's usual
    // grace period (30 s): its lock runs out and another replica, or the next start, runs it.
    setTimeout(() => {
      logger.warn(
        `still stopping after ${STOP_GRACE_MS / 1000} s: unfinished jobs are left to the next process`,
      );
      process.exit(EXIT.stopped);
    }, STOP_GRACE_MS).unref();
    // Stop taking requests, let listeners and running jobs finish, then close Redis. Jobs not started
    // yet stay in Redis for the other replicas (or the next start).
    await bot.stop().catch((err) => logger.warn('receiver did not stop cleanly', { error: causeOf(err) }));
    await bot.idle();
    await closeServices(services);
    logger.info('stopped');
    process.exit(EXIT.stopped);
  };
  const port = await bot.start();
  const workspaces = config.slack.oauth ? 'installs through Slack OAuth' : 'one workspace';
  logger.info(
    `zoombot listening on port ${port} (${config.slack.appToken ? 'Socket Mode' : 'HTTP'}, ${workspaces})`,
  );
}

/** Set once the bot exists; a signal before that (during the checks) stops at once: nothing was accepted. */
let stop: ((signal: string) => Promise<void>) | undefined;
const config = readConfig();
const logger = createLogger(config.logLevel);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stop) return void stop(signal);
    logger.info(`${signal} during start-up: stopped`);
    process.exit(EXIT.stopped);
  });
}
main(config, logger).catch((err) => {
  if (err instanceof StartupFailure) {
    logger.error(err.message);
    process.exit(err.exitCode);
  }
  // One line, no stack: the stack is only useful with LOG_LEVEL=debug.
  logger.error(`zoombot failed to start: ${causeOf(err)}`);
  logger.debug('start-up failure', { stack: err instanceof Error ? err.stack : String(err) });
  process.exit(EXIT.unexpected);
});
