/** POST /zoom/webhook: Zoom event notifications (on when ZOOM_WEBHOOK_SECRET_TOKEN is set). */
// CONTRACT STUB: to be implemented; app.ts registers this route when the secret is configured.
import type { CustomRoute } from '@slack/bolt';
import type { Services } from '../services.js';

export function zoomWebhookRoute(_services: Services): CustomRoute {
  return {
    path: '/zoom/webhook',
    method: ['POST'],
    handler: (_req, res) => {
      res.writeHead(501).end();
    },
  };
}
