/**
 * The suite-wide secret check (test/run.mjs). When ZOOMBOT_TEST_LOG_DIR is set, every log line a
 * test bot writes is appended to a file there, and the fakes append every secret they issue or
 * receive (tokens, authorization codes, OAuth states and verifiers, zak-bearing start URLs,
 * response_url keys, client secrets). After the run, run.mjs fails if any secret is in any line.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.ZOOMBOT_TEST_LOG_DIR;

/** Remembers a secret the bot must never log (no-op outside the suite-wide check). */
export function issuedSecret(value: string | undefined): void {
  if (!dir || !value || value.length < 8) return;
  appendFileSync(join(dir, `secrets-${process.pid}.txt`), `${value}\n`);
}

/** A log sink that keeps lines in `lines` and, during the suite-wide check, in this process's log file. */
export function logSink(lines: string[]): (line: string) => void {
  return (line) => {
    lines.push(line);
    if (dir) appendFileSync(join(dir, `log-${process.pid}.jsonl`), `${line}\n`);
  };
}

/** Lines a bot child process wrote (its stdout/stderr), for the suite-wide check. */
export function recordLines(text: string): void {
  if (!dir || !text) return;
  appendFileSync(join(dir, `log-${process.pid}-child.jsonl`), text.endsWith('\n') ? text : `${text}\n`);
}
