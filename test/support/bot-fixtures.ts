/**
 * What the real-process tests share: waiting for a condition, signed posts, a stored connection,
 * the scheduling form opened and submitted.
 */
import assert from 'node:assert/strict';
import { Keys } from '../../src/redis.js';
import type { SlackUserRef } from '../../src/scheduling/ports/types.js';
import { ZoomOAuth } from '../../src/zoom/oauth.js';
import { TokenStore } from '../../src/zoom/tokens.js';
import { SIGNING_SECRET, sign } from './app-harness.js';
import type { FakeSlack } from './fake-slack.js';
import type { FakeZoom } from './fake-zoom.js';
import type { TestRedis } from './redis.js';
import { stateValues } from './slack-payloads.js';

/** Polls `check` (sync or async) every `everyMs` until it gives a value; fails after `ms`. */
export async function until<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  ms: number,
  everyMs = 100,
): Promise<T> {
  const giveUpAt = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A Slack request (a form body, or an Events API JSON body) to the bot's /slack/events, signed as Slack signs it. */
export function postSigned(
  baseUrl: string,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json' = 'application/x-www-form-urlencoded',
): Promise<Response> {
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
    },
    body,
  });
}

/**
 * Stores `user`'s Zoom connection (a fresh pair from the fake, for `zoomUserId` at
 * `<zoomUserId>@example.com`) the way a bot with settings `env` stores it. Returns the Redis client
 * it used; the caller quits it.
 */
export async function storeZoomConnection(
  redis: TestRedis,
  zoom: FakeZoom,
  env: Record<string, string>,
  user: SlackUserRef,
  zoomUserId: string,
): Promise<ReturnType<TestRedis['client']>> {
  const client = redis.client();
  const tokens = new TokenStore({
    redis: client,
    keys: new Keys(env.REDIS_KEY_PREFIX as string),
    encryptionKeys: [Buffer.from(env.TOKEN_ENCRYPTION_KEY as string, 'base64')],
    oauth: new ZoomOAuth({
      oauthUrl: zoom.oauthUrl,
      apiUrl: zoom.apiUrl,
      clientId: zoom.clientId,
      clientSecret: zoom.clientSecret,
      redirectUrl: env.ZOOM_REDIRECT_URL as string,
    }),
  });
  const zoomEmail = `${zoomUserId}@example.com`;
  zoom.addUser({ id: zoomUserId, email: zoomEmail });
  const grant = zoom.issueTokens(zoomUserId);
  await tokens.save(user, {
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    expiresAt: Date.now() + grant.expiresInSeconds * 1000,
    scope: grant.scope,
    zoomUserId,
    zoomEmail,
  });
  return client;
}

/** `/zoom` from `user` in C0001 to a bot process: the scheduling form it opened (from fake Slack). */
export async function openScheduleForm(
  baseUrl: string,
  slack: FakeSlack,
  user: SlackUserRef,
  triggerId: string,
): Promise<Record<string, unknown>> {
  const command = new URLSearchParams({
    team_id: user.teamId,
    channel_id: 'C0001',
    user_id: user.userId,
    command: '/zoom',
    text: '',
    response_url: slack.responseUrl(`${triggerId}-cmd`),
    trigger_id: triggerId,
  }).toString();
  assert.equal((await postSigned(baseUrl, command)).status, 200);
  const opened = await until(
    'the modal',
    () => slack.callsTo('views.open').find((a) => a.trigger_id === triggerId),
    20_000,
  );
  return opened.view as Record<string, unknown>;
}

/** The form submitted with `topic` for tomorrow 15:00; asserts Slack's answer took it (no field errors). */
export async function submitScheduleForm(
  baseUrl: string,
  user: SlackUserRef,
  view: Record<string, unknown>,
  viewId: string,
  topic: string,
): Promise<void> {
  const payload = {
    type: 'view_submission',
    team: { id: user.teamId },
    user: { id: user.userId, team_id: user.teamId },
    api_app_id: 'A0001',
    view: {
      ...view,
      id: viewId,
      team_id: user.teamId,
      hash: 'h1',
      state: { values: stateValues(view, { topic, when: 'tomorrow 15:00' }) },
    },
  };
  const submitted = await postSigned(baseUrl, `payload=${encodeURIComponent(JSON.stringify(payload))}`);
  assert.equal(submitted.status, 200);
  assert.equal((await submitted.text()).includes('errors'), false);
}
