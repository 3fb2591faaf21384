/** Work run after an answer went out, tracked so a graceful shutdown can wait for it. */
import type { Logger } from './log.js';

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
