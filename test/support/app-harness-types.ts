/** What the app harness offers a test: the running bot, its fakes, and Slack's requests to it. */
import type { AppServices } from '../../src/bootstrap.js';
import type { Config } from '../../src/config.js';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import type { SlackUserRef } from '../../src/zoom/types.js';
import type { FakeSlack } from './fake-slack.js';
import type { FakeZoom } from './fake-zoom.js';
import type { TestRedis } from './redis.js';
import type { FormValues } from './slack-payloads.js';

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
