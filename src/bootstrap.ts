/** Builds every long-lived part of the bot once: Redis, the Zoom side, the Slack side, the use cases. */
import type { Config } from './config.js';
import { causeOf } from './failure-cause.js';
import type { Logger } from './log.js';
import { createRedis, Keys, redisLabel } from './redis.js';
import { MeetingStore } from './scheduling/meeting-store.js';
import { MeetingScheduler } from './scheduling/scheduler.js';
import { BackgroundTasks, type Services } from './services.js';
import { SlackAnnouncer } from './slack/announcer.js';
import { ProfileCache } from './slack/profiles.js';
import { createSlackWebClient, type SlackWebClient } from './slack/web.js';
import { ZoomClient } from './zoom/client.js';
import { ZoomConnections } from './zoom/connections.js';
import { ZoomOAuth } from './zoom/oauth.js';
import { TokenStore } from './zoom/tokens.js';

/** The shared services plus the Slack-side parts the listeners use. */
export interface AppServices extends Services {
  announcer: SlackAnnouncer;
  profiles: ProfileCache;
  slack: SlackWebClient;
  scheduler: MeetingScheduler;
  now: () => Date;
}

export function createServices(config: Config, logger: Logger, opts: { now?: () => Date } = {}): AppServices {
  const redis = createRedis(config.redis.url);
  const where = redisLabel(config.redis.url);
  // ioredis reconnects every few hundred ms while Redis is down: say so when the reason changes, or each minute.
  let last = { reason: '', at: 0 };
  redis.on('error', (err: Error) => {
    const reason = causeOf(err);
    if (reason === last.reason && Date.now() - last.at < 60_000) return;
    last = { reason, at: Date.now() };
    logger.warn(`Redis at ${where}: ${reason}`);
  });
  const keys = new Keys(config.redis.keyPrefix);
  const oauth = new ZoomOAuth({
    oauthUrl: config.zoom.oauthUrl,
    apiUrl: config.zoom.apiUrl,
    clientId: config.zoom.clientId,
    clientSecret: config.zoom.clientSecret,
    redirectUrl: config.zoom.redirectUrl,
  });
  const tokens = new TokenStore({ redis, keys, encryptionKeys: config.tokenEncryptionKeys, oauth, logger });
  const zoom = new ZoomClient({ apiUrl: config.zoom.apiUrl, tokens, logger });
  const connections = new ZoomConnections({ redis, keys, oauth, tokens });
  const meetings = new MeetingStore(redis, keys);
  const slack = createSlackWebClient(config, logger);
  const profiles = new ProfileCache(
    redis,
    keys,
    slack,
    { timeZone: config.defaultTimeZone, locale: config.defaultLocale },
    logger,
  );
  const announcer = new SlackAnnouncer(slack, profiles, logger);
  const now = opts.now ?? (() => new Date());
  const scheduler = new MeetingScheduler({ zoom, meetings, publisher: announcer, logger, now });
  return {
    config,
    logger,
    redis,
    keys,
    tokens,
    zoom,
    connections,
    meetings,
    announcer,
    background: new BackgroundTasks(logger),
    profiles,
    slack,
    scheduler,
    now,
  };
}
