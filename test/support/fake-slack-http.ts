/** How the fake Slack reads request bodies, as the Web API and response_urls take them. */
import type { IncomingMessage } from 'node:http';

const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurls', 'outputs']);

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Web API takes form bodies (nested values as JSON strings) or JSON bodies. */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_ARGS.has(key)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // Slack refuses malformed JSON; keep the raw string so validation reports it.
      }
    }
    out[key] = value;
  }
  return out;
}
