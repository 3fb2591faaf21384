/** Who a meeting's host is, as messages name them, and who may change the meeting. */
import type { Locale } from '../../config.js';
import type { MeetingRecord } from '../../scheduling/types.js';
import { messages } from '../i18n/index.js';
import { escapeMrkdwn, mention } from './text.js';

/** The scheduler's own meeting: them. One scheduled for someone else: that host's Slack user, else their Zoom email. */
export function hostName(record: MeetingRecord): string {
  const made = record.scheduledFor;
  if (!made) return mention(record.host.userId);
  return made.slackUserId ? mention(made.slackUserId) : escapeMrkdwn(made.email ?? made.zoomUserId);
}

/** The refusal for anyone else who clicks Reschedule or Cancel. */
export function onlyHostText(locale: Locale, record: MeetingRecord, action: 'reschedule' | 'cancel'): string {
  const t = messages(locale);
  if (!record.scheduledFor) return t.actions.onlyHost(record.host.userId, action);
  return t.delegation.onlyHostOrScheduler(hostName(record), mention(record.host.userId), action);
}
