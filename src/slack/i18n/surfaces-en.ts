import type { SurfaceMessages } from './surfaces-types.js';

export const surfacesEn: SurfaceMessages = {
  channelRequired: 'Choose the channel to post the meeting in.',
  shortcutExpired: 'The form did not open in time. Use the shortcut again.',
  buttonExpired: 'The form did not open in time. Click the button again.',
  home: {
    title: 'Zoom meetings',
    connectedAs: (email) => `Connected to Zoom as *${email}*.`,
    notConnected: 'Connect your Zoom account to schedule meetings from Slack.',
    connect: 'Connect Zoom',
    disconnect: 'Disconnect',
    disconnectConfirmTitle: 'Disconnect Zoom?',
    disconnectConfirmText: 'The bot deletes your Zoom tokens. Meetings already scheduled stay in Zoom.',
    disconnectConfirmYes: 'Disconnect',
    schedule: 'Schedule a meeting',
    meetingsHeader: 'Your next meetings',
    noMeetings: 'You have no upcoming Zoom meetings.',
    meetingsUnavailable: (reason) => `Your meetings cannot be shown right now. ${reason}`,
    madeOutsideSlack: 'Scheduled outside Slack',
    previous: 'Previous',
    next: 'Next',
    page: (page, pages) => `Page ${page} of ${pages}`,
    defaultsHeader: 'Your defaults',
    defaultsHint: 'New meetings start from these. The language applies to everything the bot tells you.',
    duration: (m) => `Duration: ${m}`,
    reminder: (n) => (n === 0 ? 'Reminder: none' : `Reminder: ${n} min before`),
    recording: {
      none: 'Recording: none',
      local: 'Recording: on the computer',
      cloud: 'Recording: to the cloud',
    },
    language: { auto: 'Language: as in Slack', ja: 'Language: 日本語', en: 'Language: English' },
    disconnected: 'Your Zoom account is disconnected.',
  },
  workflow: {
    notConnected: (host) =>
      `The host (${host}) has not connected a Zoom account to the bot. A connect link was sent to them privately; run the workflow again once they have connected.`,
    topicMissing: 'The "topic" input is empty. Give the meeting a topic.',
    timeNotUnderstood: (when, why) => `The bot could not read the "when" input ("${when}") as a time. ${why}`,
    durationOutOfRange: 'The "duration" input must be a whole number of minutes from 1 to 1440.',
    zoomRefused: (why) => `Zoom refused to create the meeting. ${why}`,
    uncertain:
      'Zoom did not answer in time, so the bot cannot tell whether the meeting was created. Check the host’s Zoom meetings before running the workflow again.',
    failed: 'The bot could not create the meeting because of a problem on its side. Try again in a moment.',
    notPostedNote: 'The meeting was created in Zoom, but the bot could not post it in the chosen channel.',
  },
  unfurl: {
    status: {
      scheduled: 'Scheduled',
      started: ':red_circle: Live now',
      ended: 'Ended',
      cancelled: ':no_entry_sign: Cancelled',
    },
  },
};
