/** Everything a listener or route needs, built once at start-up (src/index.ts) and passed down. */
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Keys, RedisClient } from './redis.js';
import type { MeetingStore } from './scheduling/meeting-store.js';
import type { MeetingAnnouncer } from './scheduling/types.js';
import type { ZoomClient } from './zoom/client.js';
import type { ZoomConnections } from './zoom/connections.js';
import type { TokenStore } from './zoom/tokens.js';

export interface Services {
  config: Config;
  logger: Logger;
  redis: RedisClient;
  keys: Keys;
  tokens: TokenStore;
  zoom: ZoomClient;
  connections: ZoomConnections;
  meetings: MeetingStore;
  /** Slack-side implementation of the scheduling core's announcer port. */
  announcer: MeetingAnnouncer;
  /** Work started after an HTTP answer (webhook events, post-submit Zoom calls); awaited on shutdown. */
  background: BackgroundTasks;
}

/** Tracks fire-and-forget work so a graceful shutdown can wait for it. */
export class BackgroundTasks {
  private readonly running = new Set<Promise<unknown>>();
  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<unknown>): void {
    const p = task()
      .catch((err) => this.logger.error(`background task ${name} failed`, err))
      .finally(() => this.running.delete(p));
    this.running.add(p);
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
