// The scan behind test/run.mjs's log check (plain JavaScript: run.mjs loads it before tsx).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Lines (file:line) holding any secret; secrets are split into their word-like parts of 12+ characters. */
export function leakedSecrets(logDir) {
  const files = readdirSync(logDir);
  const byPrefix = new Map();
  for (const f of files.filter((n) => n.startsWith('secrets-'))) {
    for (const secret of readFileSync(join(logDir, f), 'utf8').split('\n')) {
      for (const atom of secret.split(/[^A-Za-z0-9_-]+/)) {
        if (atom.length < 12) continue;
        const prefix = atom.slice(0, 12);
        const list = byPrefix.get(prefix) ?? new Set();
        list.add(atom);
        byPrefix.set(prefix, list);
      }
    }
  }
  const leaks = [];
  let lines = 0;
  for (const f of files.filter((n) => n.startsWith('log-'))) {
    readFileSync(join(logDir, f), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line) return;
        lines += 1;
        for (const [run] of line.matchAll(/[A-Za-z0-9_-]{12,}/g)) {
          for (let at = 0; at + 12 <= run.length; at++) {
            const atoms = byPrefix.get(run.slice(at, at + 12));
            if (!atoms) continue;
            for (const atom of atoms) {
              if (run.startsWith(atom, at)) leaks.push({ where: `${f}:${i + 1}`, line, atom });
            }
          }
        }
      });
  }
  return { leaks, lines, secrets: [...byPrefix.values()].reduce((n, s) => n + s.size, 0) };
}
