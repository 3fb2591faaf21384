/**
 * An ioredis client that ends when it is disconnected between two reconnect attempts.
 *
 * ioredis 6 clears the retry timer there but, with no socket, no 'close' follows: the client
 * stays "reconnecting" and never emits 'end' (redis/ioredis#1247; fix proposed in
 * redis/ioredis#2169). BullMQ's Worker.close() waits for that 'end' on its blocking connection
 * (taskforcesh/bullmq#4656), so a bot told to stop while Redis was away, or just back, never
 * finished stopping. The worker's connection is this class, and so are its duplicates (BullMQ's
 * blocking connection is a duplicate).
 */
import { Redis } from 'ioredis';

/** What ioredis does on a closed socket of a manually closed client; not in its typings. */
interface ClosingInternals {
  manuallyClosing: boolean;
  setStatus(status: 'end'): void;
  flushQueue(error: Error): void;
}

export class ClosableRedis extends Redis {
  override disconnect(reconnect = false): void {
    const between = !reconnect && this.status === 'reconnecting';
    super.disconnect(reconnect);
    if (!between || this.status !== 'reconnecting') return;
    const internals = this as unknown as Partial<ClosingInternals>;
    // As ioredis' own close handler ends a manually closed client: pending commands fail, 'end'.
    if (typeof internals.setStatus !== 'function' || typeof internals.flushQueue !== 'function') return;
    internals.manuallyClosing = false;
    internals.flushQueue(new Error('Connection is closed.'));
    internals.setStatus('end');
  }

  override duplicate: Redis['duplicate'] = (override) =>
    new ClosableRedis({ ...this.options, ...(override ?? {}) } as never) as never;
}
