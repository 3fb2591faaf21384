/** Texts of the App Home, shortcuts, the Workflow Builder step and link previews. */
import type { AutoRecording } from '../../zoom/types.js';

export interface SurfaceMessages {
  channelRequired: string;
  shortcutExpired: string;
  /** A button's form (Reschedule, a series' Cancel) did not open in time. */
  buttonExpired: string;
  home: {
    title: string;
    connectedAs(email: string): string;
    notConnected: string;
    connect: string;
    disconnect: string;
    disconnectConfirmTitle: string;
    disconnectConfirmText: string;
    disconnectConfirmYes: string;
    schedule: string;
    meetingsHeader: string;
    noMeetings: string;
    meetingsUnavailable(reason: string): string;
    madeOutsideSlack: string;
    previous: string;
    next: string;
    page(page: number, pages: number): string;
    defaultsHeader: string;
    defaultsHint: string;
    duration(minutes: string): string;
    reminder(minutesBefore: number): string;
    recording: Record<AutoRecording, string>;
    language: { auto: string; ja: string; en: string };
    disconnected: string;
  };
  workflow: {
    notConnected(host: string): string;
    topicMissing: string;
    timeNotUnderstood(when: string, why: string): string;
    durationOutOfRange: string;
    zoomRefused(why: string): string;
    uncertain: string;
    failed: string;
    notPostedNote: string;
  };
  unfurl: {
    status: { scheduled: string; started: string; ended: string; cancelled: string };
  };
}
