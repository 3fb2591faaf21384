/** Builds every long-lived part of the bot once: Redis, the Zoom side, the Slack side, the use cases. */

import type { Config } from './config.js';
import { causeOf } from './failure-cause.js';
import { afterAnswerHandlers, queuedAnnouncer } from './jobs/after-answer.js';
import type { JobKinds } from './jobs/kinds.js';
import { JobQueue, type JobQueueOptions } from './jobs/queue.js';
import type { Logger } from './log.js';
import {
  createQueueConnection,
  createRedis,
  Keys,
  queuePrefix,
  type RedisClient,
  redisLabel,
} from './redis.js';
import type { ZoomConnection } from './scheduling/ports/zoom.js';
import { MeetingScheduler } from './scheduling/scheduler.js';
import { askAccountOwner } from './slack/actions/zoom-account.js';
import { SlackAnnouncer } from './slack/announcer.js';
import { InstalledWorkspaceClients, SingleWorkspaceClients, type SlackClients } from './slack/clients.js';
import type { SlackDeps } from './slack/deps.js';
import { publishHome } from './slack/home/app-home.js';
import { RedisInstallationStore } from './slack/installations.js';
import { SlackPacer } from './slack/pacing.js';
import { PreferenceStore } from './slack/preferences.js';
import { ProfileCache } from './slack/profiles.js';
import { ReminderSync } from './slack/reminders.js';
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
export interface AppServices extends SlackDeps {
  jobs: JobQueue<JobKinds>;
  /** The worker's own connection (closed after the queue on shutdown). */
  queueConnection: RedisClient;
  config: Config;
  redis: RedisClient;
  keys: Keys;
  tokens: TokenStore;
  zoom: ZoomClient;
  connections: ZoomConnections;
  meetings: MeetingStore;
  announcer: SlackAnnouncer;
  /** The Slack client of each workspace, for work outside a Bolt listener. */
  slackClients: SlackClients;
  /** The users of each workspace (removed with it when it uninstalls the app). */
  workspaceUsers: RedisWorkspaceUsers;
  /** Set when the app is installed through Slack OAuth (SLACK_CLIENT_ID...), unset with SLACK_BOT_TOKEN. */
  installations?: RedisInstallationStore;
  userData: RedisUserData;
}

export interface ServiceOptions {
  now?: () => Date;
  /** Retry pacing of jobs (tests shorten it). */
  jobs?: Pick<JobQueueOptions, 'attempts' | 'retryBaseDelayMs' | 'lockDurationMs' | 'stalledIntervalMs'>;
}

export function createServices(config: Config, logger: Logger, opts: ServiceOptions = {}): AppServices {
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
  const queueConnection = createQueueConnection(config.redis);
  queueConnection.on('error', (err: Error) =>
    logger.warn('job queue connection problem', { error: err.message }),
  );
  const jobs = new JobQueue<JobKinds>({
    enqueueConnection: redis,
    workerConnection: queueConnection,
    prefix: queuePrefix(config.redis.keyPrefix),
    logger,
    ...opts.jobs,
  });
  // The core shows changes through jobs (each post retried on its own); only the first post is direct.
  const queued = queuedAnnouncer(jobs);
  const markers = new RedisOnceMarkers(redis, keys);
  const userData = new RedisUserData(redis, keys);
  const publisher = { ...queued, publish: announcer.publish.bind(announcer) };
  // Which Zoom account each Slack user is connected as now.
  const connection: ZoomConnection = {
    connectedAccount: async (user) => {
      const pair = await tokens.load(user);
      return pair ? { zoomUserId: pair.zoomUserId, email: pair.zoomEmail } : null;
    },
  };
  const scheduler = new MeetingScheduler({
    zoom,
    meetings,
    publisher,
    markers,
    logger,
    people: {
      emailOf: (user) => profiles.email(user),
      userIdByEmail: (teamId, email) => profiles.userIdByEmail(teamId, email),
    },
    connection,
    now,
  });
  const events = {
    logger,
    meetings,
    announcer: queued,
    markers,
    accounts: tokens,
    userData,
    zoom,
    connection,
  };
  const services: AppServices = {
    config,
    logger,
    redis,
    keys,
    tokens,
    zoom,
    hostDefaults: new HostDefaultsCache(redis, keys, zoom, logger),
    connections,
    meetings,
    markers,
    userData,
    workspaceUsers: new RedisWorkspaceUsers(redis, keys),
    announcer,
    jobs,
    queueConnection,
    profiles,
    preferences: new PreferenceStore(redis, keys),
    slackClients,
    ...(installations ? { installations } : {}),
    scheduler,
    now,
  };
  jobs.start(
    afterAnswerHandlers({
      logger,
      jobs,
      scheduler,
      meetings,
      announcer,
      connections,
      profiles,
      userData,
      events,
      reminders: new ReminderSync(slackClients, meetings, profiles, logger, now),
      refreshHome: async (user) => publishHome(services, await slackClients.forTeam(user), user),
      askAccountOwner: (pending) => askAccountOwner(services, pending),
      uninstall: services,
    }),
  );
  return services;
}

/** Graceful stop: the worker finishes the jobs it is running, then the connections close. */
export async function closeServices(services: AppServices): Promise<void> {
  await services.jobs
    .close()
    .catch((err) => services.logger.warn('job queue did not close cleanly', { error: err }));
  for (const connection of [services.queueConnection, services.redis]) {
    await connection.quit().catch(() => connection.disconnect());
  }
}
