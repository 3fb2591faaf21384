/**
 * Memory goes back once the bot falls quiet after a busy spell (start-up, a burst of requests): one
 * full collection shortly after the last request. V8's memory reducer does the same only some
 * 8-16 s later, and until then the process holds the heap it grew to (tens of MB above what it
 * keeps). No request waits for it: it runs only after `quietMs` without one.
 *
 * `gc` comes from V8's own flag, set at run time (as the `expose-gc` package does), so the bot
 * behaves the same whichever flags node was started with.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollector {
  /** Work happened: the collection waits for `quietMs` without more. */
  busy(): void;
  stop(): void;
}

/** V8's full collection; undefined where it cannot be had. */
export function exposedGc(): (() => void) | undefined {
  const global = (globalThis as { gc?: () => void }).gc;
  if (global) return global;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

export function collectWhenIdle(quietMs = 2000, gc = exposedGc()): IdleCollector {
  let last = 0;
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const quiet = Date.now() - last;
    if (quiet < quietMs) {
      timer = setTimeout(check, quietMs - quiet).unref();
      return;
    }
    timer = undefined;
    gc?.();
  };
  return {
    busy() {
      last = Date.now();
      // One timer for a whole busy spell, not one per request.
      if (!timer && gc) timer = setTimeout(check, quietMs).unref();
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
