/** Runs a corpus child script in its own Node process under a server time zone (TZ) and returns its JSON output. */
import { spawn } from 'node:child_process';

export function runUnderTz<T>(script: string, tz: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, TZ: tz } });
    // Whole buffers, decoded once: a chunk may end inside a multi-byte character.
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`TZ=${tz} exited ${code}: ${err}`));
      else resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as T);
    });
  });
}
