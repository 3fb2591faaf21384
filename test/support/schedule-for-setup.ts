/**
 * A harness for tests of meetings scheduled for someone else: USCHED (en) holds Zoom's scheduling
 * privilege for Alice (UALICE, ja) and Bob (UBOB, en); UINVEN (en) and UINVJA (ja) can be invited.
 * Zoom webhooks are on. Helpers act as those users do in Slack and read what each one received.
 */
import assert from 'node:assert/strict';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from './app-harness.js';
import type { FormValues } from './slack-payloads.js';
import { type ZoomWebhookSender, zoomWebhookSender } from './zoom-webhook-signing.js';

export const SCHED = 'USCHED';
const SECRET = 'schedule-for-notices-secret';

export async function startScheduleFor() {
  const h: Harness = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  const webhook: ZoomWebhookSender = zoomWebhookSender(h.baseUrl, SECRET);
  await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
  h.zoom.addUser({ id: 'zu-alice', email: 'alice@example.com' });
  h.zoom.addUser({ id: 'zu-bob', email: 'bob@example.com' });
  h.zoom.grantSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-sched' });
  h.zoom.grantSchedulingPrivilege({ host: 'zu-bob', scheduler: 'zu-sched' });
  h.slack.setUser(SCHED, { tz: 'Asia/Tokyo', locale: 'en-US', email: 'sched@example.com' });
  h.slack.setUser('UALICE', { tz: 'Asia/Tokyo', locale: 'ja-JP', email: 'alice@example.com' });
  h.slack.setUser('UBOB', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'bob@example.com' });
  h.slack.setUser('UINVEN', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'inv-en@example.com' });
  h.slack.setUser('UINVJA', { tz: 'Asia/Tokyo', locale: 'ja-JP', email: 'inv-ja@example.com' });

  let n = 0;
  /** /zoom as USCHED, then the form sent for the host chosen (Alice unless told). */
  async function scheduleFor(
    text: string,
    opts: { channelId?: string; values?: FormValues; host?: 'zu-alice' | 'zu-bob' } = {},
  ): Promise<MeetingRecord> {
    const triggerId = `T-notice-${++n}`;
    await h.command(text, {
      userId: SCHED,
      triggerId,
      ...(opts.channelId ? { channelId: opts.channelId } : {}),
    });
    await h.settle();
    const before = new Set(h.zoom.meetings.keys());
    const opened = h.openedView(triggerId);
    // As a user does: the recording first (the form then offers viewers' sign-in).
    const view = opts.values?.recording
      ? await h.chooseRecording(opened, opts.values.recording, { user: { userId: SCHED } })
      : opened;
    const res = await h.interact(
      h.submission(view, { host: opts.host ?? 'zu-alice', ...opts.values }, { user: { userId: SCHED } }),
    );
    assert.equal(await res.text(), '');
    await h.settle();
    const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k));
    assert.ok(id, 'a meeting was created');
    const record = (await h.services.meetings.get(id)) as MeetingRecord;
    assert.equal(record.scheduledFor?.slackUserId, opts.host === 'zu-bob' ? 'UBOB' : 'UALICE');
    return record;
  }

  async function click(action: string, meetingId: string, userId: string): Promise<string> {
    const responseId = `notice-click-${++n}`;
    await h.interact(
      h.buttonClick(action, meetingId, { user: { userId }, responseUrl: h.slack.responseUrl(responseId) }),
    );
    await h.settle();
    return responseId;
  }

  async function reschedule(record: MeetingRecord, userId: string, when: string): Promise<string> {
    const responseId = await click('reschedule_meeting', record.meetingId, userId);
    const view = h.openedView() as { callback_id: string };
    assert.equal(view.callback_id, 'reschedule_meeting');
    await h.interact(h.submission(view, { when }, { user: { userId } }));
    await h.settle();
    return responseId;
  }

  const dmChannel = (userId: string) => `D${userId.replace(/^U/, '')}`;
  const dmsTo = (userId: string) =>
    h.slack.callsTo('chat.postMessage').filter((a) => a.channel === dmChannel(userId));
  const answersOn = (id: string) =>
    h.slack.responses.filter((r) => r.id === id).map((r) => String(r.body.text));
  const dateOf = (iso: string) => new RegExp(`<!date\\^${Date.parse(iso) / 1000}\\^`);
  const bearerOf = (r: { headers: Record<string, string> } | undefined) =>
    r?.headers.authorization?.replace(/^Bearer /, '');
  const tokenOf = async (userId: string) =>
    (await h.services.tokens.load({ teamId: 'T0001', userId }))?.accessToken;
  const lastCall = (method: string, meetingId: string) =>
    h.zoom.requests.filter((r) => r.method === method && r.path === `/v2/meetings/${meetingId}`).at(-1);

  const nextId = () => ++n;
  return {
    h,
    webhook,
    nextId,
    scheduleFor,
    click,
    reschedule,
    dmChannel,
    dmsTo,
    answersOn,
    dateOf,
    bearerOf,
    tokenOf,
    lastCall,
  };
}

export type ScheduleForContext = Awaited<ReturnType<typeof startScheduleFor>>;
