/**
 * response_urls on the fake Slack: each one's path ends in a random key (the credential part), and
 * each takes as many posts, for as long, as Slack's do.
 */
import { randomBytes } from 'node:crypto';
import { parseBody } from './fake-slack-http.js';
import type { Failure } from './fake-slack-types.js';
import { validateMessage } from './slack-validation.js';
import { issuedSecret } from './test-logs.js';

/** Slack's limits on one response_url. */
const RESPONSE_URL_POSTS = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export type ResponseUrlAnswer = { status: number; json: unknown } | { status: number; text: string };

export function createResponseUrls(deps: {
  validate: boolean;
  schemaErrors: string[];
  takeFailure(method: string): Failure | undefined;
}) {
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const responseKeys = new Map<string, string>();
  const refusedResponses: { id: string; error: string }[] = [];
  /** Per response_url key: when it was issued and how many posts it took. */
  const responseUse = new Map<string, { issuedAt: number; posts: number }>();

  /** A post to `/response/<id>/<key>` (the path after `/response/`). */
  const post = (path: string, raw: string, contentType: string | undefined): ResponseUrlAnswer => {
    const [rawId = '', key = ''] = path.split('/');
    const id = decodeURIComponent(rawId);
    if (responseKeys.get(key) !== id)
      return { status: 404, json: { ok: false, error: 'invalid_response_url' } };
    // Slack takes up to 5 posts on a response_url within 30 minutes of its issue
    // (https://api.slack.com/interactivity/handling#message_responses), then refuses with
    // `used_url` / `expired_url` (a 404 with the code as plain text, as its incoming webhooks do).
    const use = responseUse.get(key) ?? { issuedAt: Date.now(), posts: 0 };
    responseUse.set(key, use);
    if (Date.now() - use.issuedAt > RESPONSE_URL_LIFETIME_MS) {
      refusedResponses.push({ id, error: 'expired_url' });
      return { status: 404, text: 'expired_url' };
    }
    if (use.posts >= RESPONSE_URL_POSTS) {
      refusedResponses.push({ id, error: 'used_url' });
      return { status: 404, text: 'used_url' };
    }
    use.posts += 1;
    const failure = deps.takeFailure('response_url');
    if (failure && 'status' in failure)
      return { status: failure.status, json: { ok: false, error: 'fatal_error' } };
    const body = parseBody(raw, contentType);
    responses.push({ id, body });
    const errors = deps.validate ? validateMessage(body) : [];
    if (errors.length > 0) {
      deps.schemaErrors.push(...errors.map((e) => `response_url: ${e}`));
      return { status: 400, json: { ok: false, error: 'invalid_blocks' } };
    }
    return { status: 200, json: { ok: true } };
  };

  return {
    responses,
    refusedResponses,
    post,
    age: (ms: number) => {
      for (const use of responseUse.values()) use.issuedAt -= ms;
    },
    issue: (base: string, id = randomBytes(6).toString('hex')) => {
      const key = randomBytes(18).toString('base64url');
      responseKeys.set(key, id);
      responseUse.set(key, { issuedAt: Date.now(), posts: 0 });
      issuedSecret(key);
      return `${base}/response/${encodeURIComponent(id)}/${key}`;
    },
  };
}
