/**
 * The Redis connection and the key layout shared by every store. One node (REDIS_URL), Redis
 * Cluster (REDIS_CLUSTER_NODES) or Sentinel (REDIS_SENTINELS): the stores see the same commands.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { ClosableRedis } from './closable-redis.js';
import type { RedisConfig, RedisNode } from './config.js';

/** A single node, a Sentinel-managed master or a cluster: every store takes either. */
export type RedisClient = Redis | Cluster;

/** Connection settings taken from REDIS_URL that apply to every node (scheme, user, password, db). */
function nodeOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  const db = Number(parsed.pathname.replace(/^\//, '') || 0);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    // TLS with each node's own host name (Node's default), so certificates of every node match.
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    ...(db ? { db } : {}),
  };
}

const SERVING_OPTIONS: RedisOptions = {
  // Fail a command fast when Redis is down instead of queueing it forever: the bot must answer
  // Slack within 3 seconds either way.
  maxRetriesPerRequest: 1,
  connectTimeout: 2000,
  // Redis answers in well under a millisecond; a second means it is down or stuck, and Slack's
  // 3-second windows leave no room to wait longer.
  commandTimeout: 1000,
};

export function createRedis(config: RedisConfig | string): RedisClient {
  const settings = typeof config === 'string' ? { url: config, keyPrefix: '' } : config;
  return namingFailures(connect(settings, SERVING_OPTIONS), redisLabel(settings));
}

/** Where Redis is, for messages: scheme, hosts and ports, never the password. */
export function redisLabel(config: RedisConfig | string): string {
  const settings = typeof config === 'string' ? { url: config, keyPrefix: '' } : config;
  const nodes = (list: RedisNode[]) => list.map((n) => `${n.host}:${n.port}`).join(',');
  if (settings.clusterNodes) return `Redis Cluster ${nodes(settings.clusterNodes)}`;
  if (settings.sentinels)
    return `Redis "${settings.sentinelName}" via Sentinels ${nodes(settings.sentinels)}`;
  try {
    const u = new URL(settings.url);
    return `Redis at ${u.protocol}//${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'Redis at REDIS_URL';
  }
}

/**
 * ioredis rejects with a bare "Command timed out" or "Connection is closed."; a log line then does
 * not say it was Redis. Such failures get "Redis at redis://host:port: GET: " in front (the
 * original text stays at the end, so isStorageUnavailable still knows them).
 */
function namingFailures(client: RedisClient, where: string): RedisClient {
  const send = client.sendCommand.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as { sendCommand: unknown }).sendCommand = (...args: unknown[]) => {
    const answer = send(...args);
    const name = String((args[0] as { name?: unknown } | undefined)?.name ?? 'command').toUpperCase();
    answer.catch((err: unknown) => {
      if (err instanceof Error && isStorageUnavailable(err) && !err.message.startsWith('Redis')) {
        err.message = `${where}: ${name}: ${err.message}`;
      }
    });
    return answer;
  };
  return client;
}

/**
 * A connection for the job queue (BullMQ): its workers block on Redis, so commands must neither
 * time out nor give up while Redis is briefly away. On a cluster every queue key shares the hash
 * tag of `queuePrefix`, so BullMQ's scripts stay in one slot.
 */
export function createQueueConnection(config: RedisConfig): RedisClient {
  return connect(
    config,
    { maxRetriesPerRequest: null, connectTimeout: 2000, enableReadyCheck: false },
    // Its blocking duplicate must end when the bot stops while Redis is away (see ClosableRedis).
    ClosableRedis,
  );
}

/** BullMQ's `prefix` option: one hash tag for all queue keys (required on Redis Cluster). */
export function queuePrefix(keyPrefix: string): string {
  return `{${keyPrefix}jobs}`;
}

function connect(
  config: RedisConfig,
  options: RedisOptions,
  Client: new (...args: [string, RedisOptions] | [RedisOptions]) => Redis = Redis,
): RedisClient {
  if (config.clusterNodes) {
    const { enableOfflineQueue: _e, ...perNode } = options;
    return new Cluster(config.clusterNodes, {
      redisOptions: { ...perNode, ...nodeOptions(config.url) },
      enableOfflineQueue: true,
      // A cluster that lost a master answers CLUSTERDOWN until a replica takes over: retry briefly.
      retryDelayOnClusterDown: 100,
      // Seeds given by name stay names (no DNS lookup by ioredis), so TLS certificates match them.
      ...(config.url.startsWith('rediss:')
        ? { dnsLookup: (address, callback) => callback(null, address) }
        : {}),
    });
  }
  if (config.sentinels && config.sentinelName) {
    const node = nodeOptions(config.url);
    return new Client({
      ...options,
      ...node,
      sentinels: config.sentinels,
      name: config.sentinelName,
      ...(node.tls ? { enableTLSForSentinelMode: true, sentinelTLS: {} } : {}),
    });
  }
  return new Client(config.url, { ...options, enableOfflineQueue: true, lazyConnect: false });
}

/** A command sent but not answered in time: unlike a refused connection, it may have been carried out. */
export function isStorageTimeout(err: unknown): boolean {
  return err instanceof Error && err.message.endsWith('Command timed out');
}

/** True for ioredis' failures that mean Redis is down or not answering (not a bad command). */
export function isStorageUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    isStorageTimeout(err) ||
    err.message.includes('Connection is closed') ||
    err.message.includes("Stream isn't writeable") ||
    err.name === 'ClusterAllFailedError' ||
    err.message.includes('CLUSTERDOWN') ||
    err.message.includes("Cluster isn't ready")
  );
}

/**
 * Key names, laid out for Redis Cluster: every multi-key command or script touches keys of one
 * hash tag only (one slot).
 * - `{team:user}`: everything of one Slack user (tokens, refresh lock, profile, meeting index).
 * - `{meeting:id}`: one meeting's record (looked up by id from webhooks and buttons).
 * - `{team:T}` / `{enterprise:E}`: a workspace's (an org's) Slack installation and user index.
 * Nothing is ever found by scanning: a user's keys are listed by `userKeys`, their meetings by the
 * `userMeetings` index, the Slack users of a Zoom account by `zoomUserLinks`.
 */
export class Keys {
  constructor(readonly prefix: string) {}
  private user(teamId: string, userId: string): string {
    return `${this.prefix}{${teamId}:${userId}}`;
  }
  /** Every key that holds something of one Slack user (all in one slot: one DEL removes them). */
  userKeys(teamId: string, userId: string): string[] {
    return [
      this.tokens(teamId, userId),
      this.refreshLock(teamId, userId),
      this.pendingLink(teamId, userId),
      this.hostDefaults(teamId, userId),
      this.userMeetings(teamId, userId),
      this.slackProfile(teamId, userId),
      this.userPreferences(teamId, userId),
    ];
  }
  tokens(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:zoom-tokens`;
  }
  refreshLock(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:zoom-refresh-lock`;
  }
  /** A Zoom token pair waiting for its Slack user's confirmation (sealed). */
  pendingLink(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:zoom-pending-link`;
  }
  /** The host's Zoom defaults for new meetings, cached for a few minutes. */
  hostDefaults(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:zoom-host-defaults`;
  }
  /** Sorted set of `team:user` by the epoch ms when their pending pair must be revoked. */
  pendingLinkDeadlines(): string {
    return `${this.prefix}zoom-pending-link-deadlines`;
  }
  oauthState(state: string): string {
    return `${this.prefix}oauth-state:${state}`;
  }
  /** Set of `team:user` linked to one Zoom user id (for app_deauthorized). */
  zoomUserLinks(zoomUserId: string): string {
    return `${this.prefix}zoom-user:${zoomUserId}:slack-users`;
  }
  meeting(meetingId: string): string {
    return `${this.prefix}{meeting:${meetingId}}:record`;
  }
  /** Set of meeting ids a Slack user created (so their records can be removed together). */
  userMeetings(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:meetings`;
  }
  /** Short-lived marker for idempotency (duplicate submissions, webhook redeliveries). */
  once(scope: string, id: string): string {
    return `${this.prefix}once:${scope}:${id}`;
  }
  /** A workspace's own keys share the hash tag `{team:T}` (an org's: `{enterprise:E}`). */
  private workspace(teamId: string): string {
    return `${this.prefix}{team:${teamId}}`;
  }
  private organization(enterpriseId: string): string {
    return `${this.prefix}{enterprise:${enterpriseId}}`;
  }
  /** The bot's Slack installation in one workspace (sealed; holds its bot token). */
  slackInstallation(teamId: string): string {
    return `${this.workspace(teamId)}:slack-installation`;
  }
  /** An org-wide installation on Enterprise Grid (sealed). */
  slackOrgInstallation(enterpriseId: string): string {
    return `${this.organization(enterpriseId)}:slack-installation`;
  }
  /** The organization whose org-wide install serves this workspace. */
  workspaceOrganization(teamId: string): string {
    return `${this.workspace(teamId)}:enterprise`;
  }
  /** Set of workspaces seen under an org-wide install (to clean them up when it is removed). */
  organizationWorkspaces(enterpriseId: string): string {
    return `${this.organization(enterpriseId)}:teams`;
  }
  /** Set of user ids of one workspace the bot keeps anything for (removed together at uninstall). */
  teamUsers(teamId: string): string {
    return `${this.workspace(teamId)}:users`;
  }
  /** One pacing slot for Slack calls shared by every replica (a channel's posts, a workspace's updates). */
  slackPace(slot: string): string {
    return `${this.prefix}{slack-pace:${slot}}`;
  }
  /** The newest version asked for of one channel message (later updates supersede earlier ones). */
  messageVersion(channelId: string, ts: string): string {
    return `${this.prefix}{message:${channelId}:${ts}}:version`;
  }
  /** Personal defaults set on the App Home (duration, reminder, recording, language); a hash. */
  userPreferences(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:preferences`;
  }
  /** Cached Slack profile bits (tz, locale). */
  slackProfile(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:slack-profile`;
  }
}
