/** Entry point: reads the settings, starts the bot, and shuts down cleanly on SIGTERM / SIGINT. */
import { existsSync } from 'node:fs';
import { createBot } from './app.js';
import { closeServices, createServices } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';

async function main(): Promise<void> {
  // `npm start` reads ./.env when there is one; variables already in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      createLogger('error').error(`configuration error: ${err.message}`);
      process.exit(78);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const services = createServices(config, logger);
  const bot = createBot(services);
  const port = await bot.start();
  const workspaces = config.slack.oauth ? 'installs through Slack OAuth' : 'one workspace';
  logger.info(
    `zoombot listening on port ${port} (${config.slack.appToken ? 'Socket Mode' : 'HTTP'}, ${workspaces})`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    // Stop taking requests, let listeners and running jobs finish, then close Redis. Jobs not started
    // yet stay in Redis for the other replicas (or the next start).
    await bot.stop().catch((err) => logger.warn('receiver did not stop cleanly', { error: err }));
    await bot.idle();
    await closeServices(services);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  createLogger('error').error('failed to start', { error: err });
  process.exit(1);
});
