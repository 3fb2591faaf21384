/** Opens the scheduling modal within the trigger_id's 3 seconds, prefilled from the command text. */

import type { HostDefaults, SlackUserRef } from '../../scheduling/ports/types.js';
import type { PrivateMessage } from '../blocks/notices.js';
import type { SlackDeps } from '../deps.js';
import type { SlackProfile } from '../profiles.js';
import { quickProfile } from '../quick-profile.js';
import type { RepeatPrefill } from '../views/repeat.js';
import { buildScheduleModal, DEFAULT_DURATION } from '../views/schedule-modal.js';
import { previewOf, readWhen, whenPreview } from '../views/when.js';
import type { SlackWebClient } from '../web.js';
import { isConnected, notConnectedPrompt } from './report.js';

export interface OpenModalRequest {
  user: SlackUserRef;
  text: string;
  triggerId: string;
  channelId: string;
  responseUrl: string;
  reply(message: PrivateMessage): Promise<unknown>;
}

export async function openScheduleModal(
  services: SlackDeps,
  client: SlackWebClient,
  req: OpenModalRequest,
): Promise<void> {
  const [quick, connection] = await Promise.all([
    quickProfile(services.profiles, req.user),
    isConnected(services, req.user).then(async (connected) => ({
      connected,
      hostDefaults: connected ? await hostDefaultsInTime(services, req.user) : null,
    })),
  ]);
  if (!connection.connected) {
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
    view: modalFor(services, req, quick.profile, connection.hostDefaults),
  });
  if (!quick.late) return;
  // users.info answered after the modal opened: show the prefill in the user's own zone and language.
  const profile = await quick.late;
  const { defaults } = services.profiles;
  if (profile.timeZone === defaults.timeZone && profile.locale === defaults.locale) return;
  if (!opened.view?.id) return;
  await client.views
    .update({
      view_id: opened.view.id,
      hash: opened.view.hash,
      view: modalFor(services, req, profile, connection.hostDefaults),
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
  hostDefaults: HostDefaults | null,
) {
  const now = services.now();
  const prefill = prefillFrom(req.text, profile, now, services);
  // The select opens on the typed length (or the default): that value is what "unchanged" means.
  const duration = { selected: prefill.durationMinutes, opened: prefill.durationMinutes };
  return buildScheduleModal({
    context: {
      channelId: req.channelId,
      responseUrl: req.responseUrl,
      locale: profile.locale,
      timeZone: profile.timeZone,
      ...(hostDefaults ? { hostDefaults } : {}),
      openedDuration: prefill.durationMinutes,
    },
    topic: prefill.topic,
    when: prefill.when,
    durationMinutes: prefill.durationMinutes,
    ...(prefill.repeat ? { repeat: prefill.repeat } : {}),
    preview:
      prefill.preview ??
      whenPreview(prefill.when, profile.timeZone, profile.locale, now, undefined, duration),
  });
}

interface Prefill {
  topic: string;
  when: string;
  durationMinutes: number;
  preview?: string;
  repeat?: RepeatPrefill;
}

function prefillFrom(text: string, profile: SlackProfile, now: Date, services: SlackDeps): Prefill {
  if (!text) return { topic: '', when: '', durationMinutes: DEFAULT_DURATION };
  try {
    const parsed = readWhen(text, profile.timeZone, profile.locale, now);
    return {
      topic: parsed.topic,
      // Only the time words: a length typed with them goes to the duration select, so that
      // 「明日の15時 定例 30分」 does not prefill 「明日の15時 30分」 (which reads as 15:30).
      when: parsed.timeText ?? '',
      durationMinutes: parsed.durationMinutes ?? DEFAULT_DURATION,
      ...(parsed.recurrence
        ? { repeat: { typed: parsed.recurrence, ...(parsed.ok ? { startLocal: parsed.start.local } : {}) } }
        : {}),
      // The whole text was read already: its result is the preview (no second parse).
      ...(parsed.timeText
        ? {
            preview: previewOf(parsed, profile.timeZone, profile.locale, now, undefined, {
              selected: parsed.durationMinutes ?? DEFAULT_DURATION,
              opened: parsed.durationMinutes ?? DEFAULT_DURATION,
            }),
          }
        : {}),
    };
  } catch (err) {
    services.logger.warn('command text could not be read; opening an unfilled form', { error: err });
    return { topic: text, when: '', durationMinutes: DEFAULT_DURATION };
  }
}
