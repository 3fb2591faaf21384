/** Reads a submitted modal's state and turns it into a request or into field errors (pure). */

import type { AutoRecording, SlackUserRef } from '../../scheduling/ports/types.js';
import type { NewMeeting, StartTime } from '../../scheduling/scheduler.js';
import type { SeriesScope } from '../../scheduling/series-changes.js';
import type { RecurrenceRule } from '../../time/recurrence.js';
import { messages, type ZoomOption } from '../i18n/index.js';
import { HOST_BLOCK, HOST_ME, ZOOM_USER_ID } from './host-choice.js';
import type { ModalContext } from './metadata.js';
import { firstMeeting, type RepeatState, readRepeat } from './repeat.js';
import {
  AGENDA_MAX,
  DEFAULT_DURATION,
  DEFAULT_REMINDER,
  MAX_INVITEES,
  REMINDER_OPTIONS,
  TOPIC_MAX,
  WHEN_MAX,
  ZOOM_OPTIONS,
} from './schedule-modal.js';
import { readScope } from './series-scope.js';
import { meetingLength, readWhen } from './when.js';

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value: string; text?: { text?: string } } | null;
  selected_options?: { value: string }[];
  selected_conversation?: string | null;
  selected_date?: string | null;
  selected_users?: string[];
}
export type StateValues = Record<string, Record<string, StateValue>>;

const field = (values: StateValues, id: string): StateValue | undefined => values[id]?.[id];

export type FieldErrors = Record<string, string>;

function readStart(
  values: StateValues,
  ctx: ModalContext,
  now: Date,
): { start: StartTime; durationFromText?: number; typed?: RecurrenceRule } | { error: string } {
  const e = messages(ctx.locale).errors;
  const t = e.time;
  const text = field(values, 'when')?.value ?? '';
  // Slack's max_length stops typing, not a crafted request: longer values are refused unread.
  if (text.length > WHEN_MAX) return { error: e.whenTooLong(WHEN_MAX, text.length) };
  const parsed = readWhen(text, ctx.timeZone, ctx.locale, now);
  if (!parsed.ok) return { error: t[parsed.reason] };
  return {
    start: parsed.start,
    ...(parsed.durationMinutes ? { durationFromText: parsed.durationMinutes } : {}),
    ...(parsed.recurrence ? { typed: parsed.recurrence } : {}),
  };
}

/** The repeat fields' state (undefined on a form without them). */
export function repeatStateOf(values: StateValues): RepeatState | undefined {
  if (!values.repeat) return undefined;
  return {
    choice: field(values, 'repeat')?.selected_option?.value ?? 'none',
    count: field(values, 'repeat_count')?.value ?? null,
    until: field(values, 'repeat_until')?.selected_date ?? null,
  };
}

/** The series the form asks for and its first meeting; or the field error. */
function readSeries(
  values: StateValues,
  ctx: ModalContext,
  start: StartTime,
  typed: RecurrenceRule | undefined,
): { start: StartTime; recurrence?: RecurrenceRule } | { field: string; error: string } {
  const state = repeatStateOf(values);
  if (!state) return { start };
  const read = readRepeat(state, start, typed, ctx.locale);
  if ('error' in read) return read;
  if (!read.rule) return { start };
  const first = firstMeeting(read.rule, start);
  if (!first) return { field: 'repeat_until', error: messages(ctx.locale).repeat.untilBeforeStart };
  return { start: first, recurrence: read.rule };
}

function readDuration(values: StateValues): number | undefined {
  const raw = field(values, 'duration')?.selected_option?.value;
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 1440 ? n : undefined;
}

/** Topic and description, trimmed; their field errors go into `errors`. */
function readDetails(values: StateValues, ctx: ModalContext, errors: FieldErrors) {
  const e = messages(ctx.locale).errors;
  const topic = (field(values, 'topic')?.value ?? '').trim();
  if (!topic) errors.topic = e.topicEmpty;
  else if ([...topic].length > TOPIC_MAX) errors.topic = e.topicTooLong(TOPIC_MAX);
  const agenda = (field(values, 'agenda')?.value ?? '').trim();
  if ([...agenda].length > AGENDA_MAX) errors.agenda = e.agendaTooLong(AGENDA_MAX);
  return { topic, agenda };
}

/** The reminder chosen; a value not offered (a forged form) means the default. */
function readReminder(values: StateValues): { reminderMinutes?: number } {
  const picked = field(values, 'reminder')?.selected_option?.value;
  if (picked === undefined) return {};
  if (picked === 'none') return { reminderMinutes: 0 };
  const n = Number(picked);
  return { reminderMinutes: REMINDER_OPTIONS.includes(n) ? n : DEFAULT_REMINDER };
}

/**
 * The host chosen in `host`: absent or `me` is the user; else a Zoom user id (whether the user may
 * schedule for them is checked with Zoom, see host-check.ts).
 */
function readHost(values: StateValues, ctx: ModalContext, errors: FieldErrors): NewMeeting['forHost'] {
  const picked = field(values, HOST_BLOCK)?.selected_option?.value;
  if (!picked || picked === HOST_ME) return undefined;
  if (!ZOOM_USER_ID.test(picked)) {
    errors[HOST_BLOCK] = messages(ctx.locale).delegation.noPrivilege(picked.slice(0, 64));
    return undefined;
  }
  return { zoomUserId: picked };
}

/** The label of the host option chosen (their Zoom email), for a field error. */
export function chosenHostLabel(values: StateValues): string | undefined {
  return field(values, HOST_BLOCK)?.selected_option?.text?.text;
}

export function readScheduleForm(
  values: StateValues,
  ctx: ModalContext,
  host: SlackUserRef,
  now: Date,
): { ok: true; meeting: NewMeeting } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { topic, agenda } = readDetails(values, ctx, errors);
  const when = readStart(values, ctx, now);
  if ('error' in when) errors.when = when.error;
  const channelId = field(values, 'channel')?.selected_conversation || ctx.channelId;
  // A global shortcut or the App Home has no current conversation: the channel must be chosen.
  if (!channelId) errors.channel = messages(ctx.locale).surfaces.channelRequired;
  // Someone else's DM (an im id other than where /zoom was typed): the bot is not in it and Slack
  // offers no response_url for it, so the post could only fail after Zoom created the meeting.
  else if (channelId.startsWith('D') && channelId !== ctx.channelId) {
    errors.channel = messages(ctx.locale).errors.otherDirectMessage;
  }
  const forHost = readHost(values, ctx, errors);
  const series = 'error' in when ? undefined : readSeries(values, ctx, when.start, when.typed);
  if (series && 'error' in series) errors[series.field] = series.error;
  if (Object.keys(errors).length > 0 || 'error' in when || !series || 'error' in series)
    return { ok: false, errors };

  const { options, recording } = changedSettings(values, ctx);
  // Sign-in for viewers applies to a cloud recording only (the form hides it otherwise; a stale
  // tick from before the select changed counts for nothing).
  const recordingAuthentication =
    field(values, 'recording')?.selected_option?.value === 'cloud' &&
    (field(values, 'recording_auth')?.selected_options ?? []).length > 0;
  // The host is told by the channel post and the start link, not by an invitation.
  const invitees = [...new Set(field(values, 'invitees')?.selected_users ?? [])]
    .filter((id) => id !== host.userId && /^[UW][A-Z0-9]+$/.test(id))
    .slice(0, MAX_INVITEES);

  return {
    ok: true,
    meeting: {
      host,
      ...(forHost ? { forHost } : {}),
      locale: ctx.locale,
      topic,
      start: series.start,
      ...(series.recurrence ? { recurrence: series.recurrence } : {}),
      timeZone: ctx.timeZone,
      durationMinutes:
        meetingLength(when.durationFromText, readDuration(values), ctx.openedDuration) ?? DEFAULT_DURATION,
      ...(agenda ? { agenda } : {}),
      options,
      ...(recording ? { recording } : {}),
      recordingAuthentication,
      ...(invitees.length > 0 ? { invitees } : {}),
      ...readReminder(values),
      channelId,
      // The shortcut's thread applies only while the meeting goes to that message's channel.
      ...(ctx.threadTs && channelId === ctx.channelId ? { threadTs: ctx.threadTs } : {}),
      // The command's response_url posts where /zoom was typed: a fallback only for that channel.
      ...(ctx.responseUrl && channelId === ctx.channelId ? { responseUrl: ctx.responseUrl } : {}),
    },
  };
}

export function readRescheduleForm(
  values: StateValues,
  ctx: ModalContext,
  now: Date,
):
  | {
      ok: true;
      start: StartTime;
      durationMinutes?: number;
      topic?: string;
      agenda?: string;
      scope: SeriesScope;
    }
  | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // A form opened before topic and description were editable has neither field: they stay as they are.
  const details = values.topic ? readDetails(values, ctx, errors) : undefined;
  const when = readStart(values, ctx, now);
  if ('error' in when) errors.when = when.error;
  if (Object.keys(errors).length > 0 || 'error' in when) return { ok: false, errors };
  const duration = meetingLength(when.durationFromText, readDuration(values), ctx.openedDuration);
  return {
    ok: true,
    start: when.start,
    ...(duration ? { durationMinutes: duration } : {}),
    ...(details ? { topic: details.topic } : {}),
    ...(details && values.agenda ? { agenda: details.agenda } : {}),
    scope: readScope(values),
  };
}

/**
 * Only what differs from the host's Zoom defaults the form opened with; with no defaults known
 * (Zoom's settings unread, or one Zoom does not report), only what was ticked or picked.
 */
function changedSettings(
  values: StateValues,
  ctx: ModalContext,
): { options: Partial<Record<ZoomOption, boolean>>; recording?: AutoRecording } {
  const defaults = ctx.hostDefaults;
  const chosen = new Set((field(values, 'options')?.selected_options ?? []).map((o) => o.value));
  const options: Partial<Record<ZoomOption, boolean>> = {};
  for (const o of ZOOM_OPTIONS) {
    const ticked = chosen.has(o);
    const usual = defaults?.options[o];
    if (usual === undefined ? ticked : ticked !== usual) options[o] = ticked;
  }
  const picked = field(values, 'recording')?.selected_option?.value;
  const recording = picked === 'none' || picked === 'local' || picked === 'cloud' ? picked : undefined;
  return {
    options,
    ...(recording && recording !== defaults?.recording ? { recording } : {}),
  };
}
