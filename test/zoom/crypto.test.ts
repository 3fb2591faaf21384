import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { SealError, Sealer } from '../../src/zoom/crypto.js';

const key = () => randomBytes(32);

test('sealing uses a fresh IV each time and opens only with the same associated data', () => {
  const sealer = new Sealer([key()]);
  const a = sealer.seal('secret text', 'owner-1');
  const b = sealer.seal('secret text', 'owner-1');
  assert.notEqual(a, b);
  assert.ok(!a.includes('secret'));
  assert.equal(sealer.open(a, 'owner-1'), 'secret text');
  assert.throws(() => sealer.open(a, 'owner-2'), { reason: 'tampered' });
});

test('a changed byte, a foreign format or an unknown key each fail with their reason', () => {
  const sealer = new Sealer([key()]);
  const sealed = sealer.seal('payload', 'x');
  const body = Buffer.from(sealed.split('.')[2]!, 'base64url');
  body[body.length - 1]! ^= 1;
  const parts = sealed.split('.');
  assert.throws(() => sealer.open(`${parts[0]}.${parts[1]}.${body.toString('base64url')}`, 'x'), {
    reason: 'tampered',
  });
  for (const foreign of ['', 'plain', '{"a":1}', 'zb1.abc', 'zb2.a.b', `${parts[0]}.${parts[1]}.AAAA`]) {
    assert.throws(
      () => sealer.open(foreign, 'x'),
      (e: Error) => e instanceof SealError && e.reason === 'format',
    );
  }
  assert.throws(() => new Sealer([key()]).open(sealed, 'x'), { reason: 'unknown_key' });
});

test('rotation: the previous key opens old values, new values use the current key', () => {
  const oldKey = key();
  const old = new Sealer([oldKey]).seal('v', 'x');
  const rotated = new Sealer([key(), oldKey]);
  assert.equal(rotated.open(old, 'x'), 'v');
  assert.equal(rotated.isStale(old), true);
  const fresh = rotated.seal('v', 'x');
  assert.equal(rotated.isStale(fresh), false);
  assert.throws(() => new Sealer([oldKey]).open(fresh, 'x'), { reason: 'unknown_key' });
  assert.throws(() => new Sealer([randomBytes(16)]), /32 bytes/);
});
