/**
 * The Bolt app: HTTP mode (signed POST /slack/events) or Socket Mode when SLACK_APP_TOKEN is set,
 * with the same custom routes (OAuth callback, health, readiness, Zoom webhook) on PORT either way.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { AppServices } from './bootstrap.js';
import { healthRoute, readyRoute } from './http/health.js';
import { oauthCallbackRoute } from './http/oauth-callback.js';
import { zoomWebhookRoute } from './http/zoom-webhook.js';
import { redisLabel } from './redis.js';
import { register as registerButtons } from './slack/actions/meeting-buttons.js';
import { register as registerCommands } from './slack/commands/zoom.js';
import { register as registerViews } from './slack/views/submissions.js';
import { boltLogger, slackClientOptions } from './slack/web.js';

export interface Bot {
  app: App;
  /** Starts receiving; answers the HTTP port actually bound (pass 0 for any free port). */
  start(port?: number): Promise<number>;
  stop(): Promise<void>;
  /** Resolves when no listener is running (tests and shutdown). */
  idle(): Promise<void>;
}

export function customRoutes(services: AppServices): CustomRoute[] {
  const where = `Redis at ${redisLabel(services.config.redis.url)}`;
  const routes = [oauthCallbackRoute(services), healthRoute(), readyRoute(services.redis, where)];
  if (services.config.zoom.webhookSecretToken) routes.push(zoomWebhookRoute(services));
  return routes.map((route) => logged(route, services));
}

/** One debug line per request: the route's path only (a query may hold an OAuth code). */
function logged(route: CustomRoute, services: AppServices): CustomRoute {
  return {
    ...route,
    handler: (req, res) => {
      const started = performance.now();
      res.once('finish', () =>
        services.logger.debug(
          `${req.method} ${route.path} ${res.statusCode} in ${Math.round(performance.now() - started)} ms`,
        ),
      );
      return route.handler(req, res);
    },
  };
}

/** What a Slack request was, without its content: "command /zoom (T1/U1)", "block_actions cancel_meeting". */
function requestLabel(body: Record<string, unknown>): string {
  const user = (body.user as { id?: string } | undefined)?.id ?? body.user_id;
  const team = (body.team as { id?: string } | undefined)?.id ?? body.team_id;
  const who = user ? ` (${String(team ?? '?')}/${String(user)})` : '';
  if (typeof body.command === 'string') return `command ${body.command}${who}`;
  const type = String(body.type ?? 'request');
  const action = (body.actions as { action_id?: string }[] | undefined)?.[0]?.action_id;
  const callback = (body.view as { callback_id?: string } | undefined)?.callback_id;
  const event = (body.event as { type?: string } | undefined)?.type;
  return `${type} ${action ?? callback ?? event ?? ''}`.trimEnd() + who;
}
/**
 * `identity` is what start-up's auth.test answered: given, Bolt does not call auth.test again (its
 * own call, made in the constructor, would crash the process on a bad token or no network).
 */
export function createBot(
  services: AppServices,
  opts: { port?: number; identity?: { botId: string; botUserId: string } } = {},
): Bot {
  const { config } = services;
  const logger = boltLogger(services.logger);
  const routes = customRoutes(services);
  const port = opts.port ?? config.port;
  const socketMode = config.slack.appToken !== undefined;
  const receiver: Receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.slack.appToken as string,
        customRoutes: routes,
        // The custom routes are served on PORT; the socket client honours SLACK_API_URL too.
        installerOptions: { port, clientOptions: { slackApiUrl: config.slack.apiUrl } },
        logger,
      })
    : new HTTPReceiver({ signingSecret: config.slack.signingSecret, customRoutes: routes, logger });
  const app = new App({
    receiver,
    token: config.slack.botToken,
    ...(opts.identity ?? {}),
    logger,
    clientOptions: slackClientOptions(config, logger),
  });

  const running = new Set<Promise<void>>();
  app.use(async ({ body, next }) => {
    const started = performance.now();
    const work = next();
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
      services.logger.debug(
        `slack ${requestLabel(body as Record<string, unknown>)} handled in ${Math.round(performance.now() - started)} ms`,
      );
    }
  });
  app.error(async (error) => {
    logger.error('slack listener failed', { error });
  });

  registerCommands(app, services);
  registerViews(app, services);
  registerButtons(app, services);

  return {
    app,
    async start(listenPort = port) {
      if (socketMode) {
        await app.start();
        return listenPort;
      }
      const server = (await app.start(listenPort)) as Server;
      return (server.address() as AddressInfo).port;
    },
    stop: () => app.stop().then(() => undefined),
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
