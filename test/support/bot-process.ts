/** The bot as a real child process (src/index.ts through tsx), with its output and exit code. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordLines } from './test-logs.js';

const entry = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

// A failed assertion must not leave a bot running (it would keep the test file from ending).
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
const tsx = import.meta.resolve('tsx');

export interface BotProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Waits (up to 60 s: start-up under load is slow) until the output matches. */
  waitFor(pattern: RegExp): Promise<void>;
  output(): string;
  /** Output lines (stdout and stderr together). */
  lines(): string[];
}

/**
 * Only `env` (and PATH) reaches the bot. `cwd` defaults to a fresh empty directory, so a developer's
 * filled .env in the checkout is never read by a test.
 */
export function runBot(env: Record<string, string>, cwd?: string): BotProcess {
  const dir = cwd ?? mkdtempSync(join(tmpdir(), 'zoombot-cwd-'));
  const child = spawn(process.execPath, ['--import', tsx, entry], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      // The suite-wide log check reads these lines too (test/run.mjs).
      ...(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, waitFor } = watchOutput(child, 60);
  live.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      live.delete(child);
      recordLines(output());
      if (!cwd) rmSync(dir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  return { child, exited, waitFor, output, lines: () => output().split('\n').filter(Boolean) };
}

/**
 * Collects a child's stdout and stderr together. `waitFor` polls until the output matches, for up
 * to `waitSeconds`; past that it kills the child and fails with the output.
 */
export function watchOutput(
  child: ChildProcess,
  waitSeconds: number,
): { output(): string; waitFor(pattern: RegExp): Promise<void> } {
  let output = '';
  const collect = (c: Buffer) => {
    output += c.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < waitSeconds * 20 && !pattern.test(output); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    if (!pattern.test(output)) child.kill('SIGKILL');
    assert.match(output, pattern);
  };
  return { output: () => output, waitFor };
}

/** No line of a Node stack trace ("    at fn (file:1:2)"). */
export function assertNoStack(output: string): void {
  assert.doesNotMatch(output, /^\s+at .+:\d+:\d+\)?$/m, output);
}
