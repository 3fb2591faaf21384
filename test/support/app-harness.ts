/**
 * The whole bot running in HTTP mode on a free port, wired to a real redis-server, the fake Zoom and
 * the fake Slack. Tests talk to it the way Slack does: signed slash commands and interactivity posts.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { type Bot, createBot } from '../../src/app.js';
import { type AppServices, closeServices, createServices, type ServiceOptions } from '../../src/bootstrap.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import type { SlackUserRef } from '../../src/zoom/types.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { type FakeZoom, startFakeZoom } from './fake-zoom.js';
import { startRedis, type TestRedis } from './redis.js';
import { type FormValues, responseUrlsOf, stateValues } from './slack-payloads.js';
import { issuedSecret, logSink } from './test-logs.js';

export type { FormValues } from './slack-payloads.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const DEFAULT_TEAM = 'T0001';
export const DEFAULT_USER = 'U0001';
export const DEFAULT_CHANNEL = 'C0001';

export interface Harness {
  /** The running bot in HTTP mode (Bolt HTTPReceiver + custom routes) on a free port. */
  baseUrl: string;
  config: Config;
  services: AppServices;
  redis: TestRedis;
  zoom: FakeZoom;
  slack: FakeSlack;
  /** Every log line the bot wrote (tests check that no secret appears in them). */
  logs: string[];
  /** A correctly signed slash command `/zoom <text>`; defaults team T0001, user U0001, channel C0001. */
  command(
    text: string,
    opts?: {
      teamId?: string;
      userId?: string;
      channelId?: string;
      responseUrl?: string;
      triggerId?: string;
      /** Sent from a workspace of this Enterprise Grid org where the app is installed org-wide. */
      orgWideInstall?: string;
    },
  ): Promise<Response>;
  /** A correctly signed interactivity request (`payload=<json>`). */
  interact(payload: unknown): Promise<Response>;
  /** Any signed POST to /slack/events with a raw body (for bad-signature tests pass `signature`/`timestamp`). */
  postSlack(
    body: string,
    contentType: string,
    opts?: { signature?: string; timestamp?: number },
  ): Promise<Response>;
  /** Connects a Slack user to a (new) fake Zoom user by storing a token pair through the real TokenStore. */
  connect(
    user?: Partial<SlackUserRef>,
    zoomUser?: { id?: string; email?: string },
  ): Promise<{ zoomUserId: string }>;
  /** Runs the real /zoom -> modal -> submit flow and returns the stored MeetingRecord once posted. */
  scheduleMeeting(opts?: ScheduleOptions): Promise<MeetingRecord>;
  /** The view opened by the last views.open for this trigger_id (or the last one at all). */
  openedView(triggerId?: string): Record<string, unknown>;
  /** A view_submission payload for `view` with these field values (unset fields keep the view's initial ones). */
  submission(
    view: Record<string, unknown>,
    values: FormValues,
    opts?: { user?: Partial<SlackUserRef>; viewId?: string },
  ): unknown;
  /**
   * Picks a recording in the form's select the way Slack reports it (block_actions from the view)
   * and answers the form as the bot updated it.
   */
  chooseRecording(
    view: Record<string, unknown>,
    recording: 'none' | 'local' | 'cloud',
    opts?: { user?: Partial<SlackUserRef> },
  ): Promise<Record<string, unknown>>;
  /** A block_actions payload for a button of a channel message. */
  buttonClick(
    actionId: string,
    value: string,
    opts?: { user?: Partial<SlackUserRef>; channelId?: string; responseUrl?: string },
  ): unknown;
  /** Waits until after-answer jobs (post-submit Zoom calls, webhook processing, posts) have finished. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export interface ScheduleOptions {
  user?: Partial<SlackUserRef>;
  channelId?: string;
  when?: string;
  topic?: string;
  durationMinutes?: number;
  recording?: 'none' | 'local' | 'cloud';
  recordingAuthentication?: boolean;
}

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
  const userRef = (u?: Partial<SlackUserRef>): SlackUserRef => ({
    teamId: u?.teamId ?? DEFAULT_TEAM,
    userId: u?.userId ?? DEFAULT_USER,
  });

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
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: opts.teamId ?? DEFAULT_TEAM,
        team_domain: 'example',
        channel_id: opts.channelId ?? DEFAULT_CHANNEL,
        channel_name: 'general',
        user_id: opts.userId ?? DEFAULT_USER,
        user_name: (opts.userId ?? DEFAULT_USER).toLowerCase(),
        command: '/zoom',
        text,
        api_app_id: 'A0001',
        is_enterprise_install: opts.orgWideInstall ? 'true' : 'false',
        ...(opts.orgWideInstall ? { enterprise_id: opts.orgWideInstall } : {}),
        response_url: opts.responseUrl ?? slack.responseUrl(`cmd-${triggerCounter}`),
        trigger_id: triggerId,
      }).toString();
      return postSlack(body, form);
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
      const user = userRef(opts.user);
      return {
        type: 'view_submission',
        team: { id: user.teamId, domain: 'example' },
        user: {
          id: user.userId,
          username: user.userId.toLowerCase(),
          name: user.userId.toLowerCase(),
          team_id: user.teamId,
        },
        api_app_id: 'A0001',
        token: 'legacy-verification-token',
        trigger_id: `submit-trigger-${viewCounter}`,
        view: {
          ...view,
          id: opts.viewId ?? `VSUB${String(viewCounter).padStart(6, '0')}`,
          team_id: user.teamId,
          app_id: 'A0001',
          bot_id: 'BBOT0001',
          hash: `hash-${viewCounter}`,
          root_view_id: null,
          previous_view_id: null,
          clear_on_close: false,
          notify_on_close: false,
          state: { values: stateValues(view, values) },
        },
        response_urls: responseUrlsOf(view, stateValues(view, values), slack.responseUrl),
        is_enterprise_install: false,
      };
    },
    async chooseRecording(view, recording, opts = {}) {
      viewCounter += 1;
      const user = userRef(opts.user);
      const id = `VREC${String(viewCounter).padStart(6, '0')}`;
      slack.workspaces.triggers.set(`recording-trigger-${viewCounter}`, user.teamId);
      const res = await harness.interact({
        type: 'block_actions',
        team: { id: user.teamId, domain: 'example' },
        user: { id: user.userId, username: user.userId.toLowerCase(), team_id: user.teamId },
        api_app_id: 'A0001',
        token: 'legacy-verification-token',
        trigger_id: `recording-trigger-${viewCounter}`,
        container: { type: 'view', view_id: id },
        view: {
          ...view,
          id,
          hash: `hash-${viewCounter}`,
          team_id: user.teamId,
          app_id: 'A0001',
          bot_id: 'BBOT0001',
          state: { values: stateValues(view, { recording }) },
        },
        actions: [
          {
            type: 'static_select',
            action_id: 'recording',
            block_id: 'recording',
            selected_option: { text: { type: 'plain_text', text: recording }, value: recording },
            action_ts: String(Date.now() / 1000),
          },
        ],
      });
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
      return {
        type: 'block_actions',
        team: { id: user.teamId, domain: 'example' },
        user: { id: user.userId, username: user.userId.toLowerCase(), team_id: user.teamId },
        api_app_id: 'A0001',
        token: 'legacy-verification-token',
        trigger_id: `trigger-${triggerCounter}`,
        container: { type: 'message', channel_id: opts.channelId ?? DEFAULT_CHANNEL },
        channel: { id: opts.channelId ?? DEFAULT_CHANNEL, name: 'general' },
        response_url: opts.responseUrl ?? slack.responseUrl(`button-${triggerCounter}`),
        actions: [
          { type: 'button', action_id: actionId, block_id: 'meeting_actions', value, action_ts: '1' },
        ],
      };
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
