/**
 * Opens the scheduling modal within the trigger_id's 3 seconds, prefilled from the command text
 * and the user's personal defaults. Every door that schedules (the command, the App Home, the
 * shortcuts) opens it through here.
 */
import type { HostDefaults, SlackUserRef } from '../../scheduling/ports/types.js';
import type { PrivateMessage } from '../blocks/notices.js';
import type { KnownBlock, ModalView } from '../blocks/types.js';
import type { SlackDeps } from '../deps.js';
import type { UserPreferences } from '../preferences.js';
import type { SlackProfile } from '../profiles.js';
import { quickProfile } from '../quick-profile.js';
import type { HostChoice } from '../views/host-choice.js';
import type { RepeatPrefill } from '../views/repeat.js';
import { buildScheduleModal, DEFAULT_DURATION } from '../views/schedule-modal.js';
import { previewOf, readWhen, whenPreview } from '../views/when.js';
import type { SlackWebClient } from '../web.js';
import { type HostChoiceInTime, hostChoiceInTime } from './host-prefill.js';
import { isConnected, notConnectedPrompt } from './report.js';

export interface OpenModalRequest {
  user: SlackUserRef;
  text: string;
  triggerId: string;
  /** Empty when there is no current conversation (global shortcut, App Home). */
  channelId: string;
  responseUrl?: string;
  /** The topic, when the door reads it apart from the time words (message shortcut). */
  topic?: string;
  /** Post the meeting in this thread of `channelId`. */
  threadTs?: string;
  /** Slack users to prefill in the invitees field, when the modal has one. */
  invitees?: string[];
  /** The Slack user the meeting is for ("for @alice"): chosen as host when Zoom lets the user schedule for them. */
  hostMention?: string;
  origin?: 'home';
  reply(message: PrivateMessage): Promise<unknown>;
}

export async function openScheduleModal(
  services: SlackDeps,
  client: SlackWebClient,
  req: OpenModalRequest,
): Promise<void> {
  const [quick, { connected, hostDefaults, host }, preferences] = await Promise.all([
    quickProfile(services.profiles, req.user),
    isConnected(services, req.user).then(async (connected) => {
      if (!connected) return { connected, hostDefaults: null, host: {} as HostChoiceInTime };
      const [hostDefaults, host] = await Promise.all([
        hostDefaultsInTime(services, req.user),
        hostChoiceInTime(services, req.user, req.hostMention),
      ]);
      return { connected, hostDefaults, host };
    }),
    // Defaults are a nicety: without them the modal still opens.
    services.preferences.get(req.user).catch((): UserPreferences => ({ language: 'auto' })),
  ]);
  if (!connected) {
    await req.reply(
      await notConnectedPrompt(services, req.user, quick.profile.locale, {
        channelId: req.channelId,
        responseUrl: req.responseUrl,
      }),
    );
    return;
  }
  const opened = await client.views.open({
    trigger_id: req.triggerId,
    view: modalFor(services, req, quick.profile, preferences, hostDefaults, host.choice),
  });
  if (!quick.late && !host.late) return;
  // users.info or Zoom's schedulers answered after the modal opened: show the prefill in the user's
  // own zone and language, and the host choice (Slack keeps what was typed meanwhile: same block ids).
  const [profile, choice] = await Promise.all([quick.late ?? quick.profile, host.late ?? host.choice]);
  const { defaults } = services.profiles;
  const sameProfile = profile.timeZone === defaults.timeZone && profile.locale === defaults.locale;
  if (quick.late && !host.late && sameProfile) return;
  if (!quick.late && host.late && choice === host.choice) return;
  if (!opened.view?.id) return;
  await client.views
    .update({
      view_id: opened.view.id,
      hash: opened.view.hash,
      view: modalFor(services, req, profile, preferences, hostDefaults, choice),
    })
    .catch((err) => services.logger.info('modal not updated with the user profile', { error: err }));
}

/** Long enough for a warm Zoom answer; the trigger_id's 3 s must also cover users.info and views.open. */
const SETTINGS_WAIT_MS = 1200;

/** The host's Zoom defaults, or null when Zoom does not say in time (the answer still fills the cache). */
async function hostDefaultsInTime(services: SlackDeps, user: SlackUserRef): Promise<HostDefaults | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), SETTINGS_WAIT_MS);
  });
  try {
    return await Promise.race([services.hostDefaults.get(user).catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

function modalFor(
  services: SlackDeps,
  req: OpenModalRequest,
  profile: SlackProfile,
  preferences: UserPreferences,
  hostDefaults: HostDefaults | null,
  host: HostChoice | undefined,
) {
  const now = services.now();
  const fallbackDuration = preferences.durationMinutes ?? DEFAULT_DURATION;
  const prefill = prefillFrom(req.text, profile, now, services, fallbackDuration);
  // The select opens on the typed length (or the default): that value is what "unchanged" means.
  const duration = { selected: prefill.durationMinutes, opened: prefill.durationMinutes };
  const view = buildScheduleModal({
    context: {
      channelId: req.channelId,
      ...(req.responseUrl ? { responseUrl: req.responseUrl } : {}),
      locale: profile.locale,
      timeZone: profile.timeZone,
      ...(req.threadTs ? { threadTs: req.threadTs } : {}),
      ...(req.origin ? { origin: req.origin } : {}),
      ...(hostDefaults ? { hostDefaults } : {}),
      openedDuration: prefill.durationMinutes,
    },
    topic: req.topic ?? prefill.topic,
    when: prefill.when,
    durationMinutes: prefill.durationMinutes,
    ...(preferences.recording ? { recording: preferences.recording } : {}),
    ...(preferences.reminderMinutes !== undefined ? { reminderMinutes: preferences.reminderMinutes } : {}),
    ...(prefill.repeat ? { repeat: prefill.repeat } : {}),
    ...(host ? { host } : {}),
    preview:
      prefill.preview ??
      whenPreview(prefill.when, profile.timeZone, profile.locale, now, undefined, duration),
  });
  return req.invitees?.length ? withInvitees(view, req.invitees) : view;
}

/** Prefills a multi_users_select `invitees` field with these users, when the modal has that field. */
export function withInvitees(view: ModalView, users: string[]): ModalView {
  return {
    ...view,
    blocks: (view.blocks as KnownBlock[]).map((block) => {
      if (block.type !== 'input' || block.block_id !== 'invitees') return block;
      if (block.element.type !== 'multi_users_select') return block;
      const initial = [...new Set([...(block.element.initial_users ?? []), ...users])];
      return { ...block, element: { ...block.element, initial_users: initial } };
    }),
  };
}

interface Prefill {
  topic: string;
  when: string;
  durationMinutes: number;
  preview?: string;
  repeat?: RepeatPrefill;
}

function prefillFrom(
  text: string,
  profile: SlackProfile,
  now: Date,
  services: SlackDeps,
  fallbackDuration: number,
): Prefill {
  if (!text) return { topic: '', when: '', durationMinutes: fallbackDuration };
  try {
    const parsed = readWhen(text, profile.timeZone, profile.locale, now);
    return {
      topic: parsed.topic,
      // Only the time words: a length typed with them goes to the duration select, so that
      // 「明日の15時 定例 30分」 does not prefill 「明日の15時 30分」 (which reads as 15:30).
      when: parsed.timeText ?? '',
      durationMinutes: parsed.durationMinutes ?? fallbackDuration,
      ...(parsed.recurrence
        ? { repeat: { typed: parsed.recurrence, ...(parsed.ok ? { startLocal: parsed.start.local } : {}) } }
        : {}),
      // The whole text was read already: its result is the preview (no second parse).
      ...(parsed.timeText
        ? {
            preview: previewOf(parsed, profile.timeZone, profile.locale, now, undefined, {
              selected: parsed.durationMinutes ?? fallbackDuration,
              opened: parsed.durationMinutes ?? fallbackDuration,
            }),
          }
        : {}),
    };
  } catch (err) {
    services.logger.warn('command text could not be read; opening an unfilled form', { error: err });
    return { topic: text, when: '', durationMinutes: fallbackDuration };
  }
}
