/**
 * The key layout holds on Redis Cluster: one user's keys share one slot, and nothing in the bot
 * finds keys by scanning (a SCAN reaches one node of a cluster and is O(keyspace) anywhere).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { Keys, queuePrefix } from '../src/redis.js';

/** The hash tag Redis Cluster hashes for a key (the whole key when it has none). */
function hashTag(key: string): string {
  const open = key.indexOf('{');
  const close = key.indexOf('}', open + 1);
  return open >= 0 && close > open + 1 ? key.slice(open + 1, close) : key;
}

test("every key of a user shares the user's hash tag, so one DEL removes them on a cluster", () => {
  const keys = new Keys('zoombot:');
  const tags = new Set(keys.userKeys('T0001', 'U0001').map(hashTag));
  assert.deepEqual([...tags], ['T0001:U0001']);
  assert.equal(hashTag(keys.tokens('T0001', 'U0001')), 'T0001:U0001');
  assert.equal(hashTag(keys.meeting('85012345678')), 'meeting:85012345678');
  assert.equal(hashTag(`${queuePrefix('zoombot:')}:create:1`), 'zoombot:jobs');
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

test('no code of the bot scans the keyspace (SCAN, KEYS)', () => {
  const offenders = sources('src').filter((file) =>
    /(?<!Object)\.(scan|scanStream|scanBuffer|keys)\(\s*[^)\s]|['"](SCAN|KEYS)['"]/.test(
      readFileSync(file, 'utf8'),
    ),
  );
  assert.deepEqual(offenders, []);
});
