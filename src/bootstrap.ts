/** Builds every long-lived part of the bot once: Redis, the Zoom side, the Slack side, the use cases. */

import type { Config } from './config.js';
import { causeOf } from './failure-cause.js';
import type { Logger } from './log.js';
import { createRedis, Keys, type RedisClient, redisLabel } from './redis.js';
import type { MeetingEventDeps } from './scheduling/meeting-events.js';
import { MeetingScheduler } from './scheduling/scheduler.js';
import { BackgroundTasks } from './services.js';
import { SlackAnnouncer } from './slack/announcer.js';
import { InstalledWorkspaceClients, SingleWorkspaceClients, type SlackClients } from './slack/clients.js';
import type { SlackDeps } from './slack/deps.js';
import { RedisInstallationStore } from './slack/installations.js';
import { SlackPacer } from './slack/pacing.js';
import { PreferenceStore } from './slack/preferences.js';
import { ProfileCache } from './slack/profiles.js';
import { createSlackWebClient, slackClientOptions } from './slack/web.js';
import { RedisOnceMarkers } from './storage/markers.js';
import { MeetingStore } from './storage/meeting-store.js';
import { RedisUserData } from './storage/user-data.js';
import { RedisWorkspaceUsers } from './storage/workspace-users.js';
import { ZoomClient } from './zoom/client.js';
import { ZoomConnections } from './zoom/connections.js';
import { HostDefaultsCache } from './zoom/host-defaults.js';
import { ZoomOAuth } from './zoom/oauth.js';
import { TokenStore } from './zoom/tokens.js';

/** Everything the listeners, routes and shutdown use. */
export interface AppServices extends SlackDeps, MeetingEventDeps {
  config: Config;
  redis: RedisClient;
  keys: Keys;
  tokens: TokenStore;
  zoom: ZoomClient;
  connections: ZoomConnections;
  meetings: MeetingStore;
  announcer: SlackAnnouncer;
  background: BackgroundTasks;
  /** The Slack client of each workspace, for work outside a Bolt listener. */
  slackClients: SlackClients;
  /** The users of each workspace (removed with it when it uninstalls the app). */
  workspaceUsers: RedisWorkspaceUsers;
  /** Set when the app is installed through Slack OAuth (SLACK_CLIENT_ID...), unset with SLACK_BOT_TOKEN. */
  installations?: RedisInstallationStore;
}

export function createServices(config: Config, logger: Logger, opts: { now?: () => Date } = {}): AppServices {
  const redis = createRedis(config.redis);
  const where = redisLabel(config.redis);
  // ioredis reconnects every few hundred ms while Redis is down: say so when the reason changes, or each minute.
  let last = { reason: '', at: 0 };
  redis.on('error', (err: Error) => {
    const reason = causeOf(err);
    if (reason === last.reason && Date.now() - last.at < 60_000) return;
    last = { reason, at: Date.now() };
    logger.warn(`${where}: ${reason}`);
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
  const connections = new ZoomConnections({
    redis,
    keys,
    oauth,
    tokens,
    pendingLinkTtlSeconds: config.pendingLinkTtlSeconds,
    // Called only at an OAuth callback, long after start-up has built `profiles`.
    slackEmail: (user) => profiles.email(user),
    logger,
  });
  const meetings = new MeetingStore(redis, keys);
  const installations = config.slack.oauth
    ? new RedisInstallationStore(redis, keys, config.tokenEncryptionKeys, logger)
    : undefined;
  const slackClients: SlackClients = installations
    ? new InstalledWorkspaceClients((ws) => installations.botToken(ws), slackClientOptions(config, logger))
    : new SingleWorkspaceClients(createSlackWebClient(config, logger));
  const profiles = new ProfileCache(
    redis,
    keys,
    slackClients,
    { timeZone: config.defaultTimeZone, locale: config.defaultLocale },
    logger,
  );
  const announcer = new SlackAnnouncer(slackClients, profiles, logger, new SlackPacer(redis, keys));
  const now = opts.now ?? (() => new Date());
  const scheduler = new MeetingScheduler({
    zoom,
    meetings,
    publisher: announcer,
    logger,
    people: { emailOf: (user) => profiles.email(user) },
    now,
  });
  return {
    config,
    logger,
    redis,
    keys,
    tokens,
    accounts: tokens,
    zoom,
    hostDefaults: new HostDefaultsCache(redis, keys, zoom, logger),
    connections,
    meetings,
    markers: new RedisOnceMarkers(redis, keys),
    userData: new RedisUserData(redis, keys),
    workspaceUsers: new RedisWorkspaceUsers(redis, keys),
    announcer,
    background: new BackgroundTasks(logger),
    profiles,
    preferences: new PreferenceStore(redis, keys),
    slackClients,
    ...(installations ? { installations } : {}),
    scheduler,
    now,
  };
}
