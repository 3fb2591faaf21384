/**
 * The Workflow Builder step `create_zoom_meeting`: a door to the same create use case as /zoom.
 * It reads `when` like `/zoom` text in the host's zone, creates the meeting in the host's Zoom
 * account, posts it in `channel_id` (else privately to the host), and ends the step with outputs
 * or with an error a workflow author can act on.
 *
 * Bolt 5.1 custom steps: `app.function(callback_id, options?, listener)`; the listener gets
 * `inputs` and ends the step with `complete({ outputs })` (functions.completeSuccess) or
 * `fail({ error })` (functions.completeError). With `autoAcknowledge` (the default) Bolt acks the
 * function_executed event before the listener runs, so the 3 seconds are not ours to keep.
 * Sources: https://docs.slack.dev/tools/bolt-js/concepts/custom-steps,
 * https://api.slack.com/methods/functions.completeSuccess, and @slack/bolt 5.1.0's App#function
 * and CustomFunction (node_modules/@slack/bolt/dist/CustomFunction.js).
 */

import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Locale } from '../../config.js';
import { isStorageUnavailable } from '../../redis.js';
import type { MeetingRecord } from '../../scheduling/types.js';
import { isoWithOffset } from '../../time/iso.js';
import {
  ZoomNoAnswerError,
  ZoomNotConnectedError,
  ZoomRateLimitError,
  ZoomUnavailableError,
  ZoomValidationError,
} from '../../zoom/errors.js';
import type { SlackUserRef } from '../../zoom/types.js';
import { connectPrompt, failureText } from '../blocks/notices.js';
import { isConnected } from '../commands/report.js';
import type { SlackDeps } from '../deps.js';
import { messages } from '../i18n/index.js';
import { outcomeMessage } from '../outcome-text.js';
import type { UserPreferences } from '../preferences.js';
import { readWhen } from '../views/when.js';

export const CREATE_MEETING_FUNCTION = 'create_zoom_meeting';
const TOPIC_MAX = 200;
const DEFAULT_DURATION = 30;
/** A redelivered function_executed must not create a second meeting. */
const ONCE_TTL_SECONDS = 24 * 3600;

// Bolt's SlackCustomFunctionMiddlewareArgs (not exported from the index) is this type.
type StepArgs = SlackEventMiddlewareArgs<'function_executed'> & AllMiddlewareArgs;

export interface StepOutputs {
  meeting_id: string;
  join_url: string;
  start_time: string;
}

export function register(app: App, services: SlackDeps): void {
  app.function(CREATE_MEETING_FUNCTION, { autoAcknowledge: true }, createZoomMeetingStep(services));
}

type Outcome = { ok: true; outputs: StepOutputs } | { ok: false; error: string };

export function createZoomMeetingStep(services: SlackDeps) {
  return async ({ inputs, complete, fail, body, event }: StepArgs): Promise<void> => {
    let outcome: Outcome;
    try {
      const first = await services.markers.claim(
        'function-execution',
        event.function_execution_id,
        ONCE_TTL_SECONDS,
      );
      // A redelivery: the first delivery completes the step.
      if (!first) return;
      outcome = await run(services, body.team_id, inputs as Record<string, unknown>);
    } catch (err) {
      services.logger.error('workflow step failed', { error: err });
      const t = messages(services.profiles.defaults.locale);
      outcome = {
        ok: false,
        error: isStorageUnavailable(err) ? t.failures.storageUnavailable : t.surfaces.workflow.failed,
      };
    }
    if (outcome.ok) await complete({ outputs: { ...outcome.outputs } });
    else await fail({ error: outcome.error });
  };
}

async function run(services: SlackDeps, teamId: string, inputs: Record<string, unknown>): Promise<Outcome> {
  const hostId = typeof inputs.host === 'string' ? inputs.host : '';
  const host: SlackUserRef = { teamId, userId: hostId };
  const [profile, preferences] = await Promise.all([
    services.profiles.get(host),
    // Defaults are a nicety: without them the step still runs.
    services.preferences.get(host).catch((): UserPreferences => ({ language: 'auto' })),
  ]);
  const { locale, timeZone } = profile;
  const t = messages(locale);
  const w = t.surfaces.workflow;

  const topic = typeof inputs.topic === 'string' ? inputs.topic.trim() : '';
  if (!topic) return { ok: false, error: w.topicMissing };
  const whenText = typeof inputs.when === 'string' ? inputs.when : '';
  const parsed = readWhen(whenText, timeZone, locale, services.now());
  if (!parsed.ok) return { ok: false, error: w.timeNotUnderstood(whenText, t.errors.time[parsed.reason]) };
  const given = inputs.duration;
  if (
    given !== undefined &&
    given !== null &&
    (!Number.isInteger(given) || (given as number) < 1 || (given as number) > 1440)
  ) {
    return { ok: false, error: w.durationOutOfRange };
  }
  const durationMinutes =
    (given as number | undefined) ??
    parsed.durationMinutes ??
    preferences.durationMinutes ??
    DEFAULT_DURATION;

  if (!(await isConnected(services, host))) return notConnected(services, host, locale);
  // Without a channel the meeting goes to the host's DM with the bot, with its buttons.
  const channelId =
    typeof inputs.channel_id === 'string' && inputs.channel_id
      ? inputs.channel_id
      : await services.announcer.directChannel(host);

  let record: MeetingRecord;
  try {
    const outcome = await services.scheduler.create({
      host,
      locale,
      topic: [...topic].slice(0, TOPIC_MAX).join(''),
      start: parsed.start,
      timeZone,
      durationMinutes,
      options: {},
      recording: preferences.recording ?? 'none',
      recordingAuthentication: false,
      channelId,
    });
    if (outcome.status === 'uncertain') return { ok: false, error: t.failures.noAnswer };
    if (outcome.status === 'done_not_shown') {
      // Zoom has the meeting: the step succeeds, and the host learns it is not in the channel.
      const message = await outcomeMessage(services, host, locale, outcome);
      if (message) await services.announcer.tellUser(host, {}, message);
    }
    record = outcome.record;
  } catch (err) {
    if (err instanceof ZoomNotConnectedError) return notConnected(services, host, locale);
    services.logger.warn('workflow step: meeting not created', { error: err });
    return { ok: false, error: zoomError(locale, err) };
  }
  return {
    ok: true,
    outputs: {
      meeting_id: record.meetingId,
      join_url: record.joinUrl,
      start_time: isoWithOffset(record.startInstant ?? parsed.start.instant, record.timeZone),
    },
  };
}

async function notConnected(services: SlackDeps, host: SlackUserRef, locale: Locale): Promise<Outcome> {
  const url = await services.connections.startConnect(host);
  const t = messages(locale);
  await services.announcer.tellUser(host, {}, connectPrompt(locale, url, t.connect.notConnected));
  return { ok: false, error: t.surfaces.workflow.notConnected(host.userId) };
}

function zoomError(locale: Locale, err: unknown): string {
  const w = messages(locale).surfaces.workflow;
  // ZoomNoAnswerError is a ZoomUnavailableError: it must be told apart first.
  if (err instanceof ZoomNoAnswerError) return w.uncertain;
  if (err instanceof ZoomValidationError || err instanceof ZoomRateLimitError) {
    return w.zoomRefused(failureText(locale, err));
  }
  // Zoom down, or the bot's storage down: said as /zoom says it.
  if (err instanceof ZoomUnavailableError || isStorageUnavailable(err)) return failureText(locale, err);
  return w.failed;
}
