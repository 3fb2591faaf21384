/** The scheduling modal (callback_id schedule_meeting) and the reschedule modal, as pure builders. */
import type { Locale } from '../../config.js';
import type { AutoRecording } from '../../zoom/types.js';
import { truncate } from '../blocks/text.js';
import type { KnownBlock, ModalView, PlainTextOption } from '../blocks/types.js';
import { messages } from '../i18n/index.js';
import { type HostChoice, hostBlocks } from './host-choice.js';
import { encodeContext, type ModalContext } from './metadata.js';
import { type RepeatPrefill, repeatBlocks } from './repeat.js';
import { scopeBlock } from './series-scope.js';
import { settingsBlocks } from './settings-blocks.js';

export const SCHEDULE_CALLBACK = 'schedule_meeting';
export const RESCHEDULE_CALLBACK = 'reschedule_meeting';
export const WHEN_PREVIEW_BLOCK = 'when_preview';
export const TOPIC_MAX = 200;
export const AGENDA_MAX = 2000;
/** A time takes a few words; Slack stops typing here, the server refuses longer values unread. */
export const WHEN_MAX = 200;
export { ZOOM_OPTIONS } from './settings-blocks.js';

const DURATIONS = [15, 30, 45, 60, 90, 120, 180, 240];
export const DEFAULT_DURATION = 30;
export const REMINDER_OPTIONS = [0, 5, 10, 15, 30, 60];
export const DEFAULT_REMINDER = 10;

function reminderBlock(locale: Locale, minutes: number): KnownBlock {
  const m = messages(locale).modal;
  const options = REMINDER_OPTIONS.map((n) => ({
    text: plain(m.reminderOption(n)),
    value: n === 0 ? 'none' : String(n),
  }));
  const initial = options.find((o) => o.value === (minutes === 0 ? 'none' : String(minutes)));
  return {
    type: 'input',
    block_id: 'reminder',
    label: plain(m.reminder),
    element: {
      type: 'static_select',
      action_id: 'reminder',
      options,
      initial_option: initial ?? (options[2] as PlainTextOption),
    },
  };
}
/** Each invitee costs a DM and a users.info at create; a meeting for more goes to a channel. */
export const MAX_INVITEES = 30;

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

function durationOptions(locale: Locale, current: number): PlainTextOption[] {
  const values = DURATIONS.includes(current) ? DURATIONS : [...DURATIONS, current].sort((a, b) => a - b);
  return values.map((n) => ({ text: plain(messages(locale).modal.durationOption(n)), value: String(n) }));
}

function whenBlocks(locale: Locale, when: string, preview: string): KnownBlock[] {
  const m = messages(locale).modal;
  return [
    {
      type: 'input',
      block_id: 'when',
      dispatch_action: true,
      label: plain(m.when),
      element: {
        type: 'plain_text_input',
        action_id: 'when',
        max_length: WHEN_MAX,
        placeholder: { type: 'plain_text', text: m.whenPlaceholder },
        dispatch_action_config: { trigger_actions_on: ['on_enter_pressed'] },
        ...(when ? { initial_value: truncate(when, WHEN_MAX) } : {}),
      },
    },
    {
      type: 'context',
      block_id: WHEN_PREVIEW_BLOCK,
      elements: [{ type: 'mrkdwn', text: truncate(preview, 3000) }],
    },
  ];
}

function durationBlock(locale: Locale, minutes: number, optional: boolean): KnownBlock {
  const options = durationOptions(locale, minutes);
  return {
    type: 'input',
    block_id: 'duration',
    optional,
    label: plain(messages(locale).modal.duration),
    element: {
      type: 'static_select',
      action_id: 'duration',
      options,
      initial_option: options.find((o) => o.value === String(minutes)) as PlainTextOption,
    },
  };
}

export interface ScheduleModalInput {
  context: ModalContext;
  topic: string;
  when: string;
  durationMinutes: number;
  preview: string;
  /** The recording choice selected at first (the user's default); none when absent. */
  recording?: AutoRecording;
  /** Minutes before the start the reminder selected at first (the user's default); 10 when absent. */
  reminderMinutes?: number;
  /** The scheduling form only: the repeat fields, prefilled from the rule the text gave. */
  repeat?: RepeatPrefill;
  /** The scheduling form only: whom the meeting is for, when the user may schedule for others. */
  host?: HostChoice;
}

function topicBlock(locale: Locale, topic: string): KnownBlock {
  const m = messages(locale).modal;
  return {
    type: 'input',
    block_id: 'topic',
    label: plain(m.topic),
    element: {
      type: 'plain_text_input',
      action_id: 'topic',
      max_length: TOPIC_MAX,
      placeholder: { type: 'plain_text', text: m.topicPlaceholder },
      ...(topic ? { initial_value: truncate(topic, TOPIC_MAX) } : {}),
    },
  };
}

function agendaBlock(locale: Locale, agenda: string | undefined): KnownBlock {
  return {
    type: 'input',
    block_id: 'agenda',
    optional: true,
    label: plain(messages(locale).modal.agenda),
    element: {
      type: 'plain_text_input',
      action_id: 'agenda',
      multiline: true,
      max_length: AGENDA_MAX,
      ...(agenda ? { initial_value: truncate(agenda, AGENDA_MAX) } : {}),
    },
  };
}

export function buildScheduleModal(input: ScheduleModalInput): ModalView {
  const { locale } = input.context;
  const m = messages(locale).modal;
  const blocks: KnownBlock[] = [
    topicBlock(locale, input.topic),
    ...whenBlocks(locale, input.when, input.preview),
    durationBlock(locale, input.durationMinutes, false),
    ...repeatBlocks(locale, input.repeat ?? {}),
    agendaBlock(locale, undefined),
    ...hostBlocks(locale, input.host),
    {
      type: 'input',
      block_id: 'channel',
      label: plain(m.channel),
      element: {
        type: 'conversations_select',
        action_id: 'channel',
        ...(input.context.channelId ? { initial_conversation: input.context.channelId } : {}),
        default_to_current_conversation: true,
        // The submission then carries a response_url for the chosen conversation: a meeting posted
        // where the bot is not a member is shown through it.
        response_url_enabled: true,
        filter: { include: ['public', 'private', 'mpim', 'im'], exclude_bot_users: true },
      },
    },
    reminderBlock(locale, input.reminderMinutes ?? DEFAULT_REMINDER),
    {
      type: 'input',
      block_id: 'invitees',
      optional: true,
      label: plain(m.invitees),
      hint: { type: 'plain_text', text: m.inviteesHint },
      element: { type: 'multi_users_select', action_id: 'invitees', max_selected_items: MAX_INVITEES },
    },
    ...withRecordingChoice(locale, settingsBlocks(locale, input.context.hostDefaults, input.recording)),
  ];
  return {
    type: 'modal',
    callback_id: SCHEDULE_CALLBACK,
    title: { type: 'plain_text', text: m.title },
    submit: { type: 'plain_text', text: m.submit },
    close: { type: 'plain_text', text: m.close },
    private_metadata: encodeContext(input.context),
    blocks,
  };
}

/**
 * The reschedule form edits the time, topic, duration and description, prefilled from the meeting;
 * a series also asks which meetings move.
 */
export type RescheduleModalInput = ScheduleModalInput & {
  agenda?: string;
  series?: { shownInstant?: string };
};

export function buildRescheduleModal(input: RescheduleModalInput): ModalView {
  const { locale } = input.context;
  const r = messages(locale).reschedule;
  return {
    type: 'modal',
    callback_id: RESCHEDULE_CALLBACK,
    title: { type: 'plain_text', text: r.title },
    submit: { type: 'plain_text', text: r.submit },
    close: { type: 'plain_text', text: messages(locale).modal.close },
    private_metadata: encodeContext(input.context),
    blocks: [
      topicBlock(locale, input.topic),
      ...(input.series ? [scopeBlock(locale, input.series.shownInstant, input.context.timeZone)] : []),
      ...whenBlocks(locale, input.when, input.preview),
      durationBlock(locale, input.durationMinutes, true),
      agendaBlock(locale, input.agenda),
    ],
  };
}

/** 録画の閲覧 (viewers sign in) means something only for a cloud recording: offered with it alone. */
export function recordingAuthBlock(locale: Locale): KnownBlock {
  const m = messages(locale).modal;
  return {
    type: 'input',
    block_id: RECORDING_AUTH_BLOCK,
    optional: true,
    label: plain(m.recordingAuth),
    element: {
      type: 'checkboxes',
      action_id: RECORDING_AUTH_BLOCK,
      options: [{ text: plain(m.recordingAuthOption), value: 'recording_authentication' }],
    },
  };
}

export const RECORDING_AUTH_BLOCK = 'recording_auth';

/**
 * The recording select tells the bot when it changes (recording-choice.ts shows or hides the
 * sign-in choice); the sign-in choice follows it when the select starts on cloud.
 */
function withRecordingChoice(locale: Locale, blocks: KnownBlock[]): KnownBlock[] {
  return blocks.flatMap((block) => {
    if (block.block_id !== 'recording' || block.type !== 'input') return [block];
    const initial = (block.element as { initial_option?: { value?: string } }).initial_option?.value;
    const dispatching = { ...block, dispatch_action: true } as KnownBlock;
    return initial === 'cloud' ? [dispatching, recordingAuthBlock(locale)] : [dispatching];
  });
}
