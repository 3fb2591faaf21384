import assert from 'node:assert/strict';
import { test } from 'node:test';
import { collectWhenIdle, exposedGc } from '../src/idle-memory.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('one collection once work stops for the quiet time, none while it goes on', async () => {
  let collections = 0;
  const idle = collectWhenIdle(150, () => {
    collections += 1;
  });
  try {
    // Busy every 30 ms for about 600 ms: never quiet for 150 ms.
    for (let i = 0; i < 20; i += 1) {
      idle.busy();
      await sleep(30);
    }
    assert.equal(collections, 0, 'no collection while requests keep coming');
    await sleep(600);
    assert.equal(collections, 1, 'one collection after the busy spell');
    await sleep(400);
    assert.equal(collections, 1, 'nothing more while nothing happens');
    idle.busy();
    await sleep(600);
    assert.equal(collections, 2, 'the next busy spell gets its own');
  } finally {
    idle.stop();
  }
});

test('without a way to collect it does nothing, and stop() cancels a waiting collection', async () => {
  const none = collectWhenIdle(10, undefined);
  none.busy();
  let collections = 0;
  const idle = collectWhenIdle(50, () => {
    collections += 1;
  });
  idle.busy();
  idle.stop();
  await sleep(200);
  assert.equal(collections, 0);
});

test('the collector it finds really collects, whatever flags node was started with', async () => {
  const gc = exposedGc();
  assert.equal(typeof gc, 'function');
  let garbage: object | null = { big: new Array(1000).fill('x') };
  const ref = new WeakRef(garbage);
  garbage = null;
  // A WeakRef keeps its target until the current job ends.
  await new Promise((r) => setImmediate(r));
  gc?.();
  assert.equal(ref.deref(), undefined);
});
