/**
 * The durable job queue (BullMQ): after-answer work is stored in Redis before the answer goes out
 * and run by whichever process is alive. A job left by a dead process is taken over within about
 * lock + stall interval (~9 s); retries back off, honouring Retry-After; a job that keeps failing
 * ends in its `giveUp` (which tells the user), never silently. Finished jobs are deleted at once.
 */
import type { Job } from 'bullmq';
// By path, not the index: see src/types/bullmq-classes.d.ts.
import { Queue } from 'bullmq/dist/cjs/classes/queue.js';
import { Worker } from 'bullmq/dist/cjs/classes/worker.js';
import type { Logger } from '../log.js';
import { isStorageUnavailable, type RedisClient } from '../redis.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';
import { isRetryable, retryDelayMs } from './retry.js';

const QUEUE_NAME = 'after-answer';

/** What a handler knows about the run it is in, and how it keeps progress across runs. */
export interface Attempt<D> {
  /** 1 for the first run; a run after a crash (stalled job) keeps the number it had. */
  number: number;
  /** No retry follows a failure of this run. */
  final: boolean;
  /** Stores `data` as the job's data, so a later run (after a crash or a retry) starts from it. */
  save(data: D): Promise<void>;
}

export interface JobHandler<D> {
  run(data: D, attempt: Attempt<D>): Promise<void>;
  /** The job failed for good (not retryable, or out of tries): tell someone. */
  giveUp(data: D, err: unknown): Promise<void>;
}

/** Every job's data names whose it is, so disconnecting can drop what is still waiting. */
export interface OwnedData {
  owner?: SlackUserRef;
}

export interface JobQueueOptions {
  /** Adding jobs: the serving connection, so an add fails fast (and the user is told) when Redis is away. */
  enqueueConnection: RedisClient;
  /** The worker's: from createQueueConnection (no command timeout, unlimited retries, as BullMQ needs). */
  workerConnection: RedisClient;
  /** queuePrefix(REDIS_KEY_PREFIX): one hash tag for every queue key. */
  prefix: string;
  logger: Logger;
  concurrency?: number;
  /** How long a job's lock lasts without renewal (renewed every half); 5 s. */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock ran out; 4 s. */
  stalledIntervalMs?: number;
  /** Tries per job, the first included; 8 (about a minute of backing off). */
  attempts?: number;
  /** The wait before the second try (doubled each time after); 1 s. Retry-After wins when given. */
  retryBaseDelayMs?: number;
}

export interface EnqueueOptions {
  /** Same id while the job exists: added once (a redelivered webhook, a double click). */
  jobId?: string;
  /** Run no sooner than this. */
  delayMs?: number;
}

export type Handlers<Kinds> = { [K in keyof Kinds]: JobHandler<Kinds[K]> };

export class JobQueue<Kinds extends object> {
  private readonly queue: Queue;
  private worker?: Worker;
  private readonly attempts: number;

  constructor(private readonly options: JobQueueOptions) {
    this.attempts = options.attempts ?? 8;
    this.queue = new Queue(QUEUE_NAME, {
      connection: options.enqueueConnection as never,
      prefix: options.prefix,
      defaultJobOptions: {
        attempts: this.attempts,
        backoff: { type: 'custom' },
        // Nothing of a user stays once a job is over.
        removeOnComplete: true,
        removeOnFail: true,
      },
      // The event stream holds job ids only (no data); keep it short.
      streams: { events: { maxLen: 100 } },
    });
    this.queue.on('error', (err) => options.logger.warn('job queue connection problem', { error: err }));
  }

  async enqueue<K extends keyof Kinds & string>(
    kind: K,
    data: Kinds[K],
    opts: EnqueueOptions = {},
  ): Promise<void> {
    await this.queue.add(kind, data, {
      ...(opts.jobId ? { jobId: opts.jobId } : {}),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
    });
  }

  /** Starts taking jobs in this process. */
  start(handlers: Handlers<Kinds>): void {
    const { options } = this;
    this.worker = new Worker(QUEUE_NAME, (job) => this.process(handlers, job), {
      connection: options.workerConnection as never,
      prefix: options.prefix,
      concurrency: options.concurrency ?? 16,
      lockDuration: options.lockDurationMs ?? 5000,
      stalledInterval: options.stalledIntervalMs ?? 4000,
      // A job whose process died twice is still worth a third run (it keeps its progress).
      maxStalledCount: 3,
      settings: {
        backoffStrategy: (attemptsMade, _type, err) =>
          retryDelayMs(attemptsMade, err, options.retryBaseDelayMs ?? 1000),
      },
    });
    this.worker.on('error', (err) => options.logger.warn('job worker problem', { error: err }));
    this.worker.on('failed', (job, err) => {
      // Only reached when the processor itself could not finish (e.g. lost its lock).
      if (job && job.attemptsMade >= this.attempts)
        options.logger.error('job dropped', { kind: job.name, error: err });
    });
  }

  private async process(handlers: Handlers<Kinds>, job: Job): Promise<void> {
    const handler = (handlers as Record<string, JobHandler<unknown>>)[job.name];
    if (!handler) {
      this.options.logger.error('job of unknown kind dropped', { kind: job.name });
      return;
    }
    const number = job.attemptsMade + 1;
    const attempt: Attempt<unknown> = {
      number,
      final: number >= this.attempts,
      save: (data) => job.updateData(data),
    };
    try {
      await handler.run(job.data, attempt);
    } catch (err) {
      if (isRetryable(err) && !attempt.final) {
        this.options.logger.warn('job failed; will retry', { kind: job.name, attempt: number, error: err });
        throw err;
      }
      this.options.logger.error('job failed for good', { kind: job.name, attempt: number, error: err });
      await handler.giveUp(job.data, err);
    }
  }

  /** Waiting or delayed jobs of this user are dropped (disconnect, Zoom deauthorization). */
  removeFor(user: SlackUserRef): Promise<number> {
    return this.removeWhere((owner) => owner.teamId === user.teamId && owner.userId === user.userId);
  }

  /** Waiting or delayed jobs of anyone in the workspace: one pass over the queue, whatever its users. */
  removeForWorkspace(teamId: string): Promise<number> {
    return this.removeWhere((owner) => owner.teamId === teamId);
  }

  private async removeWhere(ownedBy: (owner: SlackUserRef) => boolean): Promise<number> {
    const jobs = await this.queue.getJobs(['wait', 'delayed', 'prioritized']);
    let removed = 0;
    for (const job of jobs) {
      const owner = (job?.data as OwnedData | undefined)?.owner;
      if (job && owner && ownedBy(owner)) {
        await job.remove().catch(() => undefined);
        removed += 1;
      }
    }
    return removed;
  }

  /** Resolves once no job is waiting, delayed or running (tests, benchmarks). */
  async idle(timeoutMs = 30_000): Promise<void> {
    const giveUpAt = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue
        .getJobCounts('active', 'wait', 'delayed', 'prioritized')
        .catch((err) => {
          // Redis away: nothing can run anyway; say idle rather than wait for it.
          if (isStorageUnavailable(err)) return {};
          throw err;
        });
      if (Object.values(counts).every((n) => n === 0)) return;
      if (Date.now() > giveUpAt) throw new Error(`jobs still pending: ${JSON.stringify(counts)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Stops taking jobs, lets running ones finish, then closes the queue. */
  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
