// `npm start`: builds dist/ only when it is missing or older than src/, then runs the bot in this
// same process, so the SIGTERM npm forwards reaches the bot's own graceful shutdown (no child to
// orphan). A production install (npm ci --omit=dev) has no TypeScript: it runs the dist/ it has.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'index.js');

/** Newest modification time under the sources that make up dist/ (0 when there are none). */
function newestSource() {
  const files = ['tsconfig.json', 'tsconfig.build.json'].map((f) => join(root, f));
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  if (existsSync(join(root, 'src'))) walk(join(root, 'src'));
  return Math.max(0, ...files.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
}

function typescript() {
  try {
    return createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

// tsc rewrites every output file on each build, so the entry's time is the build's time.
const builtAt = existsSync(entry) ? statSync(entry).mtimeMs : 0;
const sourcesAt = newestSource();
if (!existsSync(entry) || (sourcesAt > 0 && sourcesAt > builtAt)) {
  const tsc = typescript();
  if (tsc) {
    console.error(existsSync(entry) ? 'src/ changed since the last build: building' : 'building dist/');
    const built = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  } else if (!existsSync(entry)) {
    console.error(
      'zoombot cannot start: dist/ is not built, and TypeScript is not installed (npm ci --omit=dev). ' +
        'Build first with `npm ci && npm run build`, or use the Docker image.',
    );
    process.exit(1);
  } else {
    console.error('src/ is newer than dist/, but TypeScript is not installed: running the existing build');
  }
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(entry).href);
