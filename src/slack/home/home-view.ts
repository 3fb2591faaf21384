/**
 * The App Home tab as a pure builder: the Zoom connection, the next meetings (a page at a time)
 * and the personal defaults. Block ids and action ids are what the Home's listeners match.
 */
import type { Locale } from '../../config.js';
import { CANCEL_ACTION, JOIN_ACTION, RESCHEDULE_ACTION } from '../blocks/meeting-message.js';
import { CONNECT_ACTION, FRESH_START_ACTION } from '../blocks/notices.js';
import { escapeMrkdwn, slackDate, truncate } from '../blocks/text.js';
import type { KnownBlock, PlainTextOption } from '../blocks/types.js';
import { messages } from '../i18n/index.js';
import {
  DURATION_CHOICES,
  LANGUAGE_CHOICES,
  RECORDING_CHOICES,
  REMINDER_CHOICES,
  type UserPreferences,
} from '../preferences.js';
import { DEFAULT_REMINDER } from '../views/schedule-modal.js';

export const HOME_SCHEDULE_ACTION = 'home_schedule';
export const HOME_DISCONNECT_ACTION = 'home_disconnect';
export const HOME_PAGE_PREFIX = 'home_page_';
export const DEFAULT_ACTIONS = {
  duration: 'default_duration',
  reminder: 'default_reminder',
  recording: 'default_recording',
  language: 'default_language',
} as const;
/** Meetings on one page: 2 blocks each keeps the whole Home far below Slack's 100 blocks. */
export const MEETINGS_PER_PAGE = 10;
export const HOME_MAX_BLOCKS = 100;

export interface HomeMeeting {
  meetingId: string;
  topic: string;
  startInstant?: string;
  timeZone?: string;
  joinUrl: string;
  /** The bot posted it and this user may reschedule and cancel it. */
  changeable: boolean;
}

export interface HomeInput {
  locale: Locale;
  timeZone: string;
  connection: { zoomEmail: string } | { connectUrl: string };
  /** The user's upcoming meetings, or why they could not be listed. */
  meetings: HomeMeeting[] | { unavailable: string };
  /** 0-based. */
  page: number;
  preferences: UserPreferences;
}

export interface HomeView {
  type: 'home';
  private_metadata: string;
  blocks: KnownBlock[];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: truncate(text, 3000) });

export function buildHomeView(input: HomeInput): HomeView {
  const h = messages(input.locale).surfaces.home;
  const blocks: KnownBlock[] = [{ type: 'header', block_id: 'home_title', text: plain(h.title) }];
  let page = 0;
  if ('zoomEmail' in input.connection) {
    blocks.push(...connectedBlocks(input.locale, input.connection.zoomEmail));
    const listed = meetingBlocks(input);
    page = listed.page;
    blocks.push(...listed.blocks);
  } else {
    blocks.push({
      type: 'section',
      block_id: 'home_connection',
      text: mrkdwn(h.notConnected),
      accessory: {
        type: 'button',
        action_id: CONNECT_ACTION,
        text: plain(h.connect),
        url: input.connection.connectUrl,
        style: 'primary',
      },
    });
  }
  blocks.push(...defaultsBlocks(input.locale, input.preferences));
  return {
    type: 'home',
    private_metadata: JSON.stringify({ page }),
    blocks: blocks.slice(0, HOME_MAX_BLOCKS),
  };
}

/** The page a re-render keeps (from the published view's private_metadata). */
export function pageOf(privateMetadata: string | undefined): number {
  try {
    const page = (JSON.parse(privateMetadata ?? '') as { page?: unknown }).page;
    return typeof page === 'number' && Number.isInteger(page) && page >= 0 ? page : 0;
  } catch {
    return 0;
  }
}

function connectedBlocks(locale: Locale, zoomEmail: string): KnownBlock[] {
  const h = messages(locale).surfaces.home;
  return [
    {
      type: 'section',
      block_id: 'home_connection',
      text: mrkdwn(h.connectedAs(escapeMrkdwn(zoomEmail))),
      accessory: {
        type: 'button',
        action_id: HOME_DISCONNECT_ACTION,
        text: plain(h.disconnect),
        confirm: {
          title: plain(h.disconnectConfirmTitle),
          text: plain(h.disconnectConfirmText),
          confirm: plain(h.disconnectConfirmYes),
          deny: plain(messages(locale).message.confirmNo),
          style: 'danger',
        },
      },
    },
    {
      type: 'actions',
      block_id: 'home_connection_actions',
      elements: [
        { type: 'button', action_id: HOME_SCHEDULE_ACTION, text: plain(h.schedule), style: 'primary' },
      ],
    },
  ];
}

function meetingBlocks(input: HomeInput): { blocks: KnownBlock[]; page: number } {
  const { locale } = input;
  const h = messages(locale).surfaces.home;
  const m = messages(locale).message;
  const blocks: KnownBlock[] = [{ type: 'header', block_id: 'home_meetings', text: plain(h.meetingsHeader) }];
  if (!Array.isArray(input.meetings)) {
    blocks.push({
      type: 'section',
      block_id: 'home_meetings_none',
      text: mrkdwn(h.meetingsUnavailable(input.meetings.unavailable)),
    });
    return { blocks, page: 0 };
  }
  if (input.meetings.length === 0) {
    blocks.push({ type: 'section', block_id: 'home_meetings_none', text: mrkdwn(h.noMeetings) });
    return { blocks, page: 0 };
  }
  const pages = Math.ceil(input.meetings.length / MEETINGS_PER_PAGE);
  const page = Math.min(input.page, pages - 1);
  for (const meeting of input.meetings.slice(page * MEETINGS_PER_PAGE, (page + 1) * MEETINGS_PER_PAGE)) {
    const when = meeting.startInstant
      ? slackDate(meeting.startInstant, meeting.timeZone ?? input.timeZone, locale)
      : m.now;
    const origin = meeting.changeable ? '' : `\n_${h.madeOutsideSlack}_`;
    blocks.push({
      type: 'section',
      block_id: `home_meeting:${meeting.meetingId}`,
      text: mrkdwn(`*${escapeMrkdwn(truncate(meeting.topic, 200))}*\n${when}${origin}`),
    });
    blocks.push({
      type: 'actions',
      block_id: `home_meeting_actions:${meeting.meetingId}`,
      elements: [
        { type: 'button', action_id: JOIN_ACTION, text: plain(m.join), url: meeting.joinUrl },
        {
          type: 'button',
          action_id: FRESH_START_ACTION,
          text: plain(messages(locale).startLink.button),
          value: meeting.meetingId,
        },
        ...(meeting.changeable
          ? [
              {
                type: 'button' as const,
                action_id: RESCHEDULE_ACTION,
                text: plain(m.reschedule),
                value: meeting.meetingId,
              },
              {
                type: 'button' as const,
                action_id: CANCEL_ACTION,
                text: plain(m.cancel),
                value: meeting.meetingId,
                style: 'danger' as const,
                confirm: {
                  title: plain(m.confirmTitle),
                  text: plain(m.confirmText),
                  confirm: plain(m.confirmYes),
                  deny: plain(m.confirmNo),
                  style: 'danger' as const,
                },
              },
            ]
          : []),
      ],
    });
  }
  if (pages > 1) {
    blocks.push({
      type: 'context',
      block_id: 'home_page',
      elements: [mrkdwn(h.page(page + 1, pages))],
    });
    const nav = [
      ...(page > 0
        ? [
            {
              type: 'button' as const,
              action_id: `${HOME_PAGE_PREFIX}previous`,
              text: plain(h.previous),
              value: String(page - 1),
            },
          ]
        : []),
      ...(page < pages - 1
        ? [
            {
              type: 'button' as const,
              action_id: `${HOME_PAGE_PREFIX}next`,
              text: plain(h.next),
              value: String(page + 1),
            },
          ]
        : []),
    ];
    blocks.push({ type: 'actions', block_id: 'home_paging', elements: nav });
  }
  return { blocks, page };
}

function select(actionId: string, options: PlainTextOption[], current: string) {
  return {
    type: 'static_select' as const,
    action_id: actionId,
    options,
    initial_option: options.find((o) => o.value === current) ?? (options[0] as PlainTextOption),
  };
}

function defaultsBlocks(locale: Locale, preferences: UserPreferences): KnownBlock[] {
  const t = messages(locale);
  const h = t.surfaces.home;
  const option = (value: string, text: string): PlainTextOption => ({ text: plain(text), value });
  return [
    { type: 'header', block_id: 'home_defaults_header', text: plain(h.defaultsHeader) },
    {
      type: 'actions',
      block_id: 'home_defaults',
      elements: [
        select(
          DEFAULT_ACTIONS.duration,
          DURATION_CHOICES.map((n) => option(String(n), h.duration(t.minutes(n)))),
          String(preferences.durationMinutes ?? 30),
        ),
        select(
          DEFAULT_ACTIONS.reminder,
          REMINDER_CHOICES.map((n) => option(String(n), h.reminder(n))),
          String(preferences.reminderMinutes ?? DEFAULT_REMINDER),
        ),
        select(
          DEFAULT_ACTIONS.recording,
          RECORDING_CHOICES.map((r) => option(r, h.recording[r])),
          preferences.recording ?? 'none',
        ),
        select(
          DEFAULT_ACTIONS.language,
          LANGUAGE_CHOICES.map((l) => option(l, h.language[l])),
          preferences.language,
        ),
      ],
    },
    { type: 'context', block_id: 'home_defaults_hint', elements: [mrkdwn(h.defaultsHint)] },
  ];
}
