/** Opens the scheduling modal within the trigger_id's 3 seconds, prefilled from the command text. */

import type { SlackUserRef } from '../../scheduling/ports/types.js';
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
  const [quick, connected] = await Promise.all([
    quickProfile(services.profiles, req.user),
    isConnected(services, req.user),
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
    view: modalFor(services, req, quick.profile),
  });
  if (!quick.late) return;
  // users.info answered after the modal opened: show the prefill in the user's own zone and language.
  const profile = await quick.late;
  const { defaults } = services.profiles;
  if (profile.timeZone === defaults.timeZone && profile.locale === defaults.locale) return;
  if (!opened.view?.id) return;
  await client.views
    .update({ view_id: opened.view.id, hash: opened.view.hash, view: modalFor(services, req, profile) })
    .catch((err) => services.logger.info('modal not updated with the user profile', { error: err }));
}

function modalFor(services: SlackDeps, req: OpenModalRequest, profile: SlackProfile) {
  const now = services.now();
  const prefill = prefillFrom(req.text, profile, now, services);
  return buildScheduleModal({
    context: {
      channelId: req.channelId,
      responseUrl: req.responseUrl,
      locale: profile.locale,
      timeZone: profile.timeZone,
    },
    topic: prefill.topic,
    when: prefill.when,
    durationMinutes: prefill.durationMinutes,
    ...(prefill.repeat ? { repeat: prefill.repeat } : {}),
    preview: prefill.preview ?? whenPreview(prefill.when, profile.timeZone, profile.locale, now),
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
      ...(parsed.timeText ? { preview: previewOf(parsed, profile.timeZone, profile.locale, now) } : {}),
    };
  } catch (err) {
    services.logger.warn('command text could not be read; opening an unfilled form', { error: err });
    return { topic: text, when: '', durationMinutes: DEFAULT_DURATION };
  }
}
