/**
 * POST /zoom/webhook: Zoom event notifications (on when ZOOM_WEBHOOK_SECRET_TOKEN is set).
 * Verifies the v0 signature on the raw body, hands the event over (stored for after the answer),
 * and answers 2xx only once that is done: Zoom wants an answer within 3 s and retries otherwise.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { ZoomEvent } from '../scheduling/ports/events.js';
import {
  deliveryId,
  parseZoomWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  urlValidationAnswer,
  verifyZoomSignature,
} from '../zoom/webhooks.js';

/** Zoom's largest bodies (recording.completed with many files) stay well under this. */
export const MAX_WEBHOOK_BODY_BYTES = 512 * 1024;
/** A sender slower than this is not Zoom (or is a slow-loris): give up on it. */
const BODY_READ_TIMEOUT_MS = 10_000;

export interface ZoomWebhookDeps {
  secretToken: string | undefined;
  logger: Logger;
  /** Takes the event for processing; resolves once it is safe to answer 2xx. */
  accept(event: ZoomEvent, deliveryKey: string): Promise<void>;
}

export function zoomWebhookRoute(services: ZoomWebhookDeps): CustomRoute {
  return {
    path: '/zoom/webhook',
    method: ['POST'],
    handler: (req, res) => {
      receive(services, req, res).catch((err) => {
        services.logger.error('zoom webhook request failed', err);
        if (!res.headersSent) answer(res, 500, { error: 'internal error' });
      });
    },
  };
}

async function receive(services: ZoomWebhookDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const secret = services.secretToken;
  if (!secret) return answer(res, 404, { error: 'zoom webhooks are not enabled' });

  const body = await readBody(req, MAX_WEBHOOK_BODY_BYTES, BODY_READ_TIMEOUT_MS);
  if (body === 'too_large') return answer(res, 413, { error: 'body too large' }, true);
  if (body === 'timeout') return answer(res, 408, { error: 'body not received in time' }, true);

  const check = verifyZoomSignature({
    secret,
    signature: header(req, SIGNATURE_HEADER),
    timestamp: header(req, TIMESTAMP_HEADER),
    rawBody: body,
    nowMs: Date.now(),
  });
  if (!check.ok) {
    services.logger.warn('zoom webhook rejected', { reason: check.reason });
    return answer(res, 401, { error: 'invalid signature' });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return answer(res, 400, { error: 'body is not JSON' });
  }
  const event = parseZoomWebhook(parsed);
  if (event.kind === 'url_validation') return answer(res, 200, urlValidationAnswer(secret, event.plainToken));
  if (event.kind === 'ignored') {
    services.logger.debug('zoom webhook ignored', { event: event.event, reason: event.reason });
    return answer(res, 200, {});
  }
  // Not taken (Redis down): a 5xx makes Zoom deliver it again later.
  await services.accept(event, deliveryId(parsed, body));
  answer(res, 200, {});
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answer(res: ServerResponse, status: number, body: unknown, close = false): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (close) headers.connection = 'close';
  res.writeHead(status, headers).end(JSON.stringify(body));
}

/** The raw body, or why it was not read. Stops reading (and drops the rest) past `limit`. */
function readBody(
  req: IncomingMessage,
  limit: number,
  timeoutMs: number,
): Promise<Buffer | 'too_large' | 'timeout'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too_large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: Buffer | 'too_large' | 'timeout') => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      resolve(result);
    };
    const timer = setTimeout(() => {
      req.resume();
      finish('timeout');
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.resume();
        finish('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(Buffer.concat(chunks)));
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
