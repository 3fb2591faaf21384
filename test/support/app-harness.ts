/**
 * The whole bot running in HTTP mode on a free port, wired to a real redis-server, the fake Zoom and
 * the fake Slack. Tests talk to it the way Slack does: signed slash commands and interactivity posts.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { type Bot, createBot } from '../../src/app.js';
import { closeServices, createServices, type ServiceOptions } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import {
  buttonClickPayload,
  commandBody,
  DEFAULT_CHANNEL,
  DEFAULT_TEAM,
  DEFAULT_USER,
  recordingChoicePayload,
  submissionPayload,
  userRef,
} from './app-harness-payloads.js';
import type { Harness } from './app-harness-types.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { type FakeZoom, startFakeZoom } from './fake-zoom.js';
import { startRedis, type TestRedis } from './redis.js';
import { issuedSecret, logSink } from './test-logs.js';

export { DEFAULT_CHANNEL, DEFAULT_TEAM, DEFAULT_USER } from './app-harness-payloads.js';
export type { Harness, ScheduleOptions } from './app-harness-types.js';
export type { FormValues } from './slack-payloads.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** The settings that point a bot at this Redis and these fakes (each call: a fresh prefix and key). */
export function botEnv(redis: TestRedis, zoom: FakeZoom, slack: FakeSlack): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: slack.apiUrl,
    ZOOM_CLIENT_ID: zoom.clientId,
    ZOOM_CLIENT_SECRET: zoom.clientSecret,
    ZOOM_REDIRECT_URL: 'http://127.0.0.1:1/zoom/oauth/callback',
    ZOOM_OAUTH_URL: zoom.oauthUrl,
    ZOOM_API_URL: zoom.apiUrl,
    REDIS_URL: redis.url,
    ...(redis.clusterNodes ? { REDIS_CLUSTER_NODES: redis.clusterNodes } : {}),
    REDIS_KEY_PREFIX: redis.prefix(),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  };
}

/**
 * Starts redis, fake Zoom, fake Slack and the bot; `env` overrides settings (e.g.
 * ZOOM_WEBHOOK_SECRET_TOKEN); `opts.redis` starts another Redis (e.g. a cluster).
 * `opts.oauthInstall`: no bot token; the app is installed in workspaces through Slack OAuth with
 * the fake Slack's app credentials (see test/support/slack-install.ts).
 */
export async function startHarness(
  env: Record<string, string> = {},
  opts: { redis?: () => Promise<TestRedis>; oauthInstall?: boolean; jobs?: ServiceOptions['jobs'] } = {},
): Promise<Harness> {
  const [redis, zoom, slack] = await Promise.all([
    (opts.redis ?? startRedis)(),
    startFakeZoom(),
    startFakeSlack(),
  ]);
  const install = opts.oauthInstall
    ? {
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: slack.workspaces.app.clientId,
        SLACK_CLIENT_SECRET: slack.workspaces.app.clientSecret,
        SLACK_STATE_SECRET: randomBytes(24).toString('base64url'),
      }
    : {};
  const config = loadConfig({ ...botEnv(redis, zoom, slack), LOG_LEVEL: 'debug', ...install, ...env });
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, logSink(logs));
  for (const secret of [
    SIGNING_SECRET,
    config.slack.botToken,
    config.slack.oauth?.stateSecret,
    ...config.tokenEncryptionKeys.map((k) => k.toString('base64')),
  ]) {
    issuedSecret(secret);
  }
  // Retries come quickly in tests (three tries, 50 ms apart and doubling), so a failing job ends in seconds.
  const services = createServices(config, logger, {
    jobs: { attempts: 3, retryBaseDelayMs: 50, ...opts.jobs },
  });
  const bot: Bot = createBot(services, { port: 0 });
  const port = await bot.start(0);
  const baseUrl = `http://127.0.0.1:${port}`;
  // The redirect URL registered in the app's settings (manifest.yml oauth_config.redirect_urls).
  slack.workspaces.app.redirectUrls.push(`${baseUrl}/slack/oauth_redirect`);
  let triggerCounter = 0;
  let viewCounter = 0;

  const postSlack: Harness['postSlack'] = (body, contentType, opts = {}) => {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    return fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': opts.signature ?? sign(SIGNING_SECRET, timestamp, body),
      },
      body,
    });
  };
  const form = 'application/x-www-form-urlencoded';

  const harness: Harness = {
    baseUrl,
    config,
    services,
    redis,
    zoom,
    slack,
    logs,
    command(text, opts = {}) {
      triggerCounter += 1;
      const triggerId = opts.triggerId ?? `trigger-${triggerCounter}`;
      slack.workspaces.triggers.set(triggerId, opts.teamId ?? DEFAULT_TEAM);
      const responseUrl = opts.responseUrl ?? slack.responseUrl(`cmd-${triggerCounter}`);
      // Whoever types in a channel is a member of it.
      slack.members.join(opts.channelId ?? DEFAULT_CHANNEL, opts.userId ?? DEFAULT_USER);
      return postSlack(commandBody(text, opts, triggerId, responseUrl), form);
    },
    interact(payload) {
      return postSlack(`payload=${encodeURIComponent(JSON.stringify(payload))}`, form);
    },
    postSlack,
    async connect(user, zoomUser = {}) {
      const ref = userRef(user);
      const zoomUserId = zoomUser.id ?? `zu-${randomBytes(4).toString('hex')}`;
      const email = zoomUser.email ?? `${zoomUserId}@example.com`;
      zoom.addUser({ id: zoomUserId, email });
      const grant = zoom.issueTokens(zoomUserId);
      await services.tokens.save(ref, {
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        expiresAt: Date.now() + grant.expiresInSeconds * 1000,
        scope: grant.scope,
        zoomUserId,
        zoomEmail: email,
      });
      return { zoomUserId };
    },
    openedView(triggerId) {
      const opens = slack.callsTo('views.open');
      const call = triggerId ? opens.filter((a) => a.trigger_id === triggerId).at(-1) : opens.at(-1);
      if (!call) throw new Error(`no views.open${triggerId ? ` for ${triggerId}` : ''}`);
      return call.view as Record<string, unknown>;
    },
    submission(view, values, opts = {}) {
      viewCounter += 1;
      return submissionPayload(view, values, userRef(opts.user), viewCounter, opts.viewId, slack.responseUrl);
    },
    async chooseRecording(view, recording, opts = {}) {
      viewCounter += 1;
      const user = userRef(opts.user);
      const id = `VREC${String(viewCounter).padStart(6, '0')}`;
      slack.workspaces.triggers.set(`recording-trigger-${viewCounter}`, user.teamId);
      const res = await harness.interact(recordingChoicePayload(view, recording, user, viewCounter, id));
      if (res.status !== 200) throw new Error(`recording choice answered ${res.status}`);
      await harness.settle();
      const update = slack
        .callsTo('views.update')
        .filter((a) => a.view_id === id)
        .at(-1);
      if (!update) throw new Error('the recording choice did not update the form');
      return update.view as Record<string, unknown>;
    },
    buttonClick(actionId, value, opts = {}) {
      triggerCounter += 1;
      const user = userRef(opts.user);
      slack.workspaces.triggers.set(`trigger-${triggerCounter}`, user.teamId);
      const responseUrl = opts.responseUrl ?? slack.responseUrl(`button-${triggerCounter}`);
      return buttonClickPayload(
        actionId,
        value,
        user,
        `trigger-${triggerCounter}`,
        opts.channelId,
        responseUrl,
      );
    },
    async scheduleMeeting(opts = {}) {
      const user = userRef(opts.user);
      const before = new Set(zoom.meetings.keys());
      const triggerId = `schedule-${randomBytes(4).toString('hex')}`;
      const answer = await harness.command(opts.topic ?? '', {
        teamId: user.teamId,
        userId: user.userId,
        triggerId,
        ...(opts.channelId ? { channelId: opts.channelId } : {}),
      });
      if (answer.status !== 200) throw new Error(`/zoom answered ${answer.status}`);
      await harness.settle();
      const opened = harness.openedView(triggerId);
      // As a user does: pick the recording first (the form then offers what goes with it).
      const view = opts.recording ? await harness.chooseRecording(opened, opts.recording, { user }) : opened;
      const submitted = await harness.interact(
        harness.submission(
          view,
          {
            topic: opts.topic ?? 'Weekly sync',
            when: opts.when ?? 'tomorrow 15:00',
            ...(opts.durationMinutes ? { durationMinutes: opts.durationMinutes } : {}),
            ...(opts.channelId ? { channelId: opts.channelId } : {}),
            ...(opts.recording ? { recording: opts.recording } : {}),
            ...(opts.recordingAuthentication !== undefined
              ? { recordingAuthentication: opts.recordingAuthentication }
              : {}),
          },
          { user },
        ),
      );
      const text = await submitted.text();
      if (submitted.status !== 200 || text.includes('errors')) throw new Error(`submission refused: ${text}`);
      await harness.settle();
      const created = [...zoom.meetings.keys()].filter((id) => !before.has(id));
      if (created.length !== 1) throw new Error(`expected one new Zoom meeting, got ${created.length}`);
      const record = await services.meetings.get(created[0] as string);
      if (!record) throw new Error('no meeting record was stored');
      return record;
    },
    async settle() {
      // Listeners add jobs and jobs add jobs (posts, notices): repeat until quiet.
      for (let i = 0; i < 3; i += 1) {
        await bot.idle();
        await services.jobs.idle();
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    async stop() {
      await bot.stop().catch(() => undefined);
      await bot.idle();
      await closeServices(services);
      await Promise.all([zoom.close(), slack.close()]);
      await redis.stop();
    },
  };

  return harness;
}
