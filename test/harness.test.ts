import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startRedis, type TestRedis } from './support/redis.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

test('the test harness runs a real redis-server', async () => {
  const client = redis.client();
  const key = `${redis.prefix()}k`;
  await client.set(key, 'v');
  assert.equal(await client.get(key), 'v');
});
