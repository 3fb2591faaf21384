/** The Redis connection and the key layout shared by every store. */
import { Redis } from 'ioredis';

export function createRedis(url: string): Redis {
  return namingFailures(
    new Redis(url, {
      // Fail a command fast when Redis is down instead of queueing it forever: the bot must answer
      // Slack within 3 seconds either way.
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      // Redis answers in well under a millisecond; a second means it is down or stuck, and Slack's
      // 3-second windows leave no room to wait longer.
      commandTimeout: 1000,
      enableOfflineQueue: true,
      lazyConnect: false,
    }),
    redisLabel(url),
  );
}

/** The Redis URL without its password, for messages. */
export function redisLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/**
 * ioredis rejects with bare "Command timed out" or "Connection is closed."; a log line then does not
 * say it was Redis. Failed commands get "Redis GET at redis://host:port: " in front (the original
 * text stays at the end, so isStorageUnavailable still knows them).
 */
function namingFailures<T extends Pick<Redis, 'sendCommand'>>(client: T, where: string): T {
  const send = client.sendCommand.bind(client);
  client.sendCommand = ((command: Parameters<Redis['sendCommand']>[0], stream?: unknown) => {
    const answer = (send as (c: unknown, s?: unknown) => Promise<unknown>)(command, stream);
    answer.catch((err: unknown) => {
      if (err instanceof Error && isStorageUnavailable(err) && !err.message.startsWith('Redis ')) {
        err.message = `Redis ${command.name.toUpperCase()} at ${where}: ${err.message}`;
      }
    });
    return answer;
  }) as Redis['sendCommand'];
  return client;
}

/** True for ioredis' failures that mean Redis is down or not answering (not a bad command). */
export function isStorageUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    err.message.endsWith('Command timed out') ||
    err.message.includes('Connection is closed') ||
    err.message.includes("Stream isn't writeable")
  );
}

/**
 * Key names. Everything for one Slack user sits under the hash tag `{team:user}`, so a user's keys
 * share one cluster slot and multi-key Lua scripts stay legal on Redis Cluster.
 */
export class Keys {
  constructor(readonly prefix: string) {}
  private user(teamId: string, userId: string): string {
    return `${this.prefix}{${teamId}:${userId}}`;
  }
  /** SCAN pattern matching every key of one Slack user (glob characters in the names escaped). */
  userKeyPattern(teamId: string, userId: string): string {
    return `${this.user(teamId, userId).replace(/[*?[\]\\{}^-]/g, '\\$&')}:*`;
  }
  tokens(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:zoom-tokens`;
  }
  refreshLock(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:zoom-refresh-lock`;
  }
  oauthState(state: string): string {
    return `${this.prefix}oauth-state:${state}`;
  }
  /** Set of `team:user` linked to one Zoom user id (for app_deauthorized). */
  zoomUserLinks(zoomUserId: string): string {
    return `${this.prefix}zoom-user:${zoomUserId}:slack-users`;
  }
  meeting(meetingId: string): string {
    return `${this.prefix}meeting:${meetingId}`;
  }
  /** Set of meeting ids a Slack user created (so their records can be removed together). */
  userMeetings(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:meetings`;
  }
  /** Short-lived marker for idempotency (duplicate submissions, webhook redeliveries). */
  once(scope: string, id: string): string {
    return `${this.prefix}once:${scope}:${id}`;
  }
  /** Cached Slack profile bits (tz, locale). */
  slackProfile(teamId: string, userId: string): string {
    return `${this.user(teamId, userId)}:slack-profile`;
  }
}
