// Runs every test file under test/ with Node's own test runner (TypeScript loaded by tsx).
// Arguments filter the files: `npm test -- time zoom/tokens`.
// Every bot the tests start logs at debug into a temporary directory, and the fakes note there
// every secret they issue or receive; after the run, any secret found in any log line fails it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leakedSecrets } from './support/leak-scan.mjs';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'support' || e.name === 'fixtures' ? [] : find(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = find('test')
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const logDir = mkdtempSync(join(tmpdir(), 'zoombot-test-logs-'));
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'debug', ZOOMBOT_TEST_LOG_DIR: logDir },
  },
);
const { leaks, lines, secrets } = leakedSecrets(logDir);
rmSync(logDir, { recursive: true, force: true });
if (leaks.length > 0) {
  console.error(`\nSECRETS IN LOGS: ${leaks.length} occurrence(s) in ${lines} lines`);
  for (const leak of leaks.slice(0, 10)) {
    console.error(`  ${leak.where}: ${leak.line.split(leak.atom).join('<SECRET>').slice(0, 400)}`);
  }
  process.exit(1);
}
process.stdout.write(
  `log check: ${lines} log lines at debug, ${secrets} secrets issued by the fakes, none logged\n`,
);
process.exit(result.status ?? 1);
