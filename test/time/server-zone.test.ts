import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { corpus } from './corpus.js';

interface ChildOutput {
  serverProbe: number;
  rows: [string, string, string | null, string | null, string | null][];
}

const CHILD = fileURLToPath(new URL('./corpus-child.ts', import.meta.url));

function runUnder(tz: string): Promise<ChildOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, TZ: tz } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`TZ=${tz} exited ${code}: ${err}`));
      else resolve(JSON.parse(out) as ChildOutput);
    });
  });
}

test('the whole corpus gives identical, expected results whatever zone the server runs in', async () => {
  const zones = ['UTC', 'America/New_York', 'Asia/Tokyo'];
  const outputs = await Promise.all(zones.map(runUnder));
  const [utc, newYork, tokyo] = outputs as [ChildOutput, ChildOutput, ChildOutput];
  // 02:30 does not exist in New York on 2026-03-08: a live TZ setting shows 3 there.
  assert.equal(utc.serverProbe, 2);
  assert.equal(newYork.serverProbe, 3);
  assert.equal(tokyo.serverProbe, 2);
  assert.deepEqual(newYork.rows, utc.rows);
  assert.deepEqual(tokyo.rows, utc.rows);
  corpus.forEach((c, i) => {
    const [got, topic] = utc.rows[i]!;
    assert.equal(got, c.expected, `${c.reference}: ${c.text}`);
    if (c.topic !== undefined) assert.equal(topic, c.topic, `${c.reference}: ${c.text}`);
  });
});
