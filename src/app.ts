/**
 * The Bolt app: HTTP mode (signed POST /slack/events) or Socket Mode when SLACK_APP_TOKEN is set,
 * with the same custom routes (OAuth callback, health, readiness, Zoom webhook) on PORT either way.
 */
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type CustomRoute, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { AppServices } from './bootstrap.js';
import { healthRoute, readyRoute } from './http/health.js';
import { oauthCallbackRoute } from './http/oauth-callback.js';
import { zoomWebhookRoute } from './http/zoom-webhook.js';
import { collectWhenIdle } from './idle-memory.js';
import { redisLabel } from './redis.js';
import { register as registerButtons } from './slack/actions/meeting-buttons.js';
import { register as registerAccountAnswers } from './slack/actions/zoom-account.js';
import { register as registerCommands } from './slack/commands/zoom.js';
import { register as registerLinkPreviews } from './slack/events/link-shared.js';
import { storeUninstallsBeforeAck } from './slack/events/uninstall.js';
import { register as registerWorkflowStep } from './slack/functions/create-zoom-meeting.js';
import { register as registerHome } from './slack/home/app-home.js';
import { installReceiverOptions } from './slack/install.js';
import { groupedListeners } from './slack/listener-groups.js';
import { register as registerShortcuts } from './slack/shortcuts/schedule-shortcuts.js';
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
  const { logger, jobs } = services;
  const routes = [
    oauthCallbackRoute({
      connections: services.connections,
      logger,
      onConnected: (user, zoomEmail) => jobs.enqueue('connected', { owner: user, zoomEmail }),
      onPending: (pending) => jobs.enqueue('ask-account', { owner: pending.user, pending }),
    }),
    healthRoute(),
    readyRoute(services.redis, redisLabel(services.config.redis)),
  ];
  const secretToken = services.config.zoom.webhookSecretToken;
  if (secretToken) {
    routes.push(
      zoomWebhookRoute({
        secretToken,
        logger,
        // Same delivery, same job id: a redelivery while the first is still queued is not added twice.
        accept: (event, key) =>
          jobs.enqueue('zoom-event', { event, deliveryKey: key }, { jobId: `zoom-${hashId(key)}` }),
      }),
    );
  }
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
  // Installed through OAuth: Bolt serves the install routes and authorizes each request by its workspace.
  const install =
    config.slack.oauth && services.installations
      ? installReceiverOptions(config, config.slack.oauth, services.installations, services.logger)
      : undefined;
  const receiver: Receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.slack.appToken as string,
        customRoutes: routes,
        ...install,
        // The custom routes (and the install routes) are served on PORT; the socket client honours
        // SLACK_API_URL too.
        installerOptions: {
          ...install?.installerOptions,
          port,
          clientOptions: { ...install?.installerOptions.clientOptions, slackApiUrl: config.slack.apiUrl },
        },
        logger,
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret,
        customRoutes: routes,
        ...install,
        logger,
      });
  const app = new App({
    receiver,
    ...(config.slack.botToken ? { token: config.slack.botToken } : {}),
    ...(opts.identity ? { botId: opts.identity.botId, botUserId: opts.identity.botUserId } : {}),
    logger,
    clientOptions: slackClientOptions(config, services.logger),
    // The bot keeps no conversation state in Bolt; its default store would look every request up
    // (and build an Error for each miss).
    convoStore: false,
  });

  // Bolt acks an event before any middleware runs: an uninstall is stored as a job ahead of it.
  storeUninstallsBeforeAck(receiver, app, services.jobs, services.installations);

  const running = new Set<Promise<void>>();
  const idle = collectWhenIdle();
  app.use(async ({ body, next }) => {
    idle.busy();
    const started = performance.now();
    const work = next();
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
      // The label is built only when the line is written (this runs for every request).
      if (services.logger.getLevel() === 'debug') {
        services.logger.debug(
          `slack ${requestLabel(body as Record<string, unknown>)} handled in ${Math.round(performance.now() - started)} ms`,
        );
      }
    }
  });
  app.error(async (error) => {
    logger.error('slack listener failed', { error });
  });

  // The command first: its chain is the first Bolt runs for a /zoom request, so the ack goes out
  // before any other listener looks at the request.
  registerCommands(app, services);
  groupedListeners(app, (listeners) => {
    registerViews(listeners, services);
    registerButtons(listeners, services);
    registerHome(listeners, services);
    registerShortcuts(listeners, services);
    registerWorkflowStep(listeners, services);
    registerLinkPreviews(listeners, services);
    registerAccountAnswers(listeners, services);
  });

  // Unconfirmed Zoom sign-ins are revoked at Zoom when they run out, by whichever replica sees it first.
  let stopSweeping: (() => Promise<void>) | undefined;
  return {
    app,
    async start(listenPort = port) {
      stopSweeping ??= services.connections.startSweeping();
      if (socketMode) {
        await app.start();
        return listenPort;
      }
      const server = (await app.start(listenPort)) as Server;
      // Start-up (loading and compiling every module) is a busy spell too.
      idle.busy();
      return (server.address() as AddressInfo).port;
    },
    async stop() {
      idle.stop();
      await stopSweeping?.();
      stopSweeping = undefined;
      await app.stop();
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

/** An opaque job id for a delivery (the delivery key names the meeting or the Zoom user). */
const hashId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 32);
