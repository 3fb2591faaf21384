import { surfacesEn } from './surfaces-en.js';
import type { Messages } from './types.js';

const minutes = (n: number): string => {
  const h = Math.floor(n / 60);
  const m = n % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
};

export const en: Messages = {
  help: {
    title: 'Schedule Zoom meetings from Slack',
    body:
      '`/zoom [topic and time]` opens a form filled from your text. `/zoom now [topic]` starts a meeting now. ' +
      '`/zoom list` shows your next meetings. `/zoom connect` / `/zoom disconnect` link or unlink your Zoom account. ' +
      'Only you see the link that starts the meeting as host.',
    examples: [
      '/zoom Weekly sync tomorrow 3pm for 45 minutes',
      '/zoom 明日 15時 定例',
      '/zoom now Quick call',
    ],
  },
  connect: {
    prompt: 'Connect your Zoom account so /zoom can schedule meetings for you.',
    button: 'Connect Zoom',
    alreadyConnected: (email) => `You are connected to Zoom as ${email}. Connect again to switch accounts.`,
    notConnected: 'You have not connected a Zoom account yet.',
  },
  connectedDm: (email) => `Zoom is connected as ${email}. Type \`/zoom\` to schedule a meeting.`,
  disconnected: 'Your Zoom account is disconnected and its tokens are deleted.',
  nothingToDisconnect: 'No Zoom account was connected, so there was nothing to disconnect.',
  modal: {
    title: 'Schedule Zoom meeting',
    submit: 'Schedule',
    close: 'Cancel',
    topic: 'Topic',
    topicPlaceholder: 'Weekly sync',
    when: 'When',
    whenPlaceholder: 'e.g. tomorrow 3pm, Dec 3 10:30',
    whenHintEmpty: 'Type a day and a time; press Enter to check it.',
    whenResolves: (formatted, timeZone) => `→ ${formatted} (${timeZone})`,
    whenNotUnderstood: 'Not understood yet: type a day and a time, e.g. "tomorrow 3pm".',
    duration: 'Duration',
    durationOption: minutes,
    agenda: 'Agenda',
    channel: 'Post in',
    options: 'Options',
    option: {
      host_video: 'Host video on',
      participant_video: 'Participant video on',
      join_before_host: 'Allow joining before host',
      mute_upon_entry: 'Mute participants on entry',
      waiting_room: 'Waiting room',
    },
    recording: 'Recording',
    recordingNone: 'No recording',
    recordingLocal: 'Record on the computer',
    recordingCloud: 'Record to the cloud',
    recordingAuth: 'Recording access',
    recordingAuthOption: 'Recording viewers must sign in',
  },
  reschedule: {
    title: 'Reschedule meeting',
    submit: 'Save',
    current: (formatted) => `Now: ${formatted}`,
  },
  errors: {
    time: {
      empty: 'Type when the meeting starts, e.g. "tomorrow 3pm".',
      no_time: 'I could not read a time here. Try e.g. "tomorrow 3pm" or "Dec 3 10:30".',
      no_hour: 'Add a start time to the day, e.g. "tomorrow 3pm".',
      past: 'That time has already passed. Pick a time in the future.',
      invalid_date: 'That date or time does not exist. Check the day and the hour.',
      duration_out_of_range: 'A meeting lasts between 1 minute and 24 hours.',
    },
    topicEmpty: 'Give the meeting a topic.',
    topicTooLong: (max) => `Keep the topic to ${max} characters.`,
    agendaTooLong: (max) => `Keep the agenda to ${max} characters.`,
  },
  message: {
    fallbackText: (topic) => `Zoom meeting: ${topic}`,
    when: 'When',
    now: 'Now',
    duration: 'Duration',
    host: 'Host',
    agenda: 'Agenda',
    join: 'Join',
    reschedule: 'Reschedule',
    cancel: 'Cancel meeting',
    confirmTitle: 'Cancel this meeting?',
    confirmText: 'The meeting is deleted in Zoom and its link stops working.',
    confirmYes: 'Cancel meeting',
    confirmNo: 'Keep it',
    live: ':red_circle: Live now',
    ended: (ran) => (ran === undefined ? 'Ended' : `Ended (ran ${minutes(ran)})`),
    cancelled: ':no_entry_sign: Cancelled',
  },
  startLink: {
    expires: 'The link works for about 2 hours. Later, get a fresh one from `/zoom list`.',
    text: (topic) => `Only you can see this: start *${topic}* as the host with this link. Do not share it.`,
    button: 'Start as host',
  },
  list: { heading: 'Your upcoming Zoom meetings', none: 'You have no upcoming Zoom meetings.' },
  notes: {
    moved: (from, to) => `Moved from ${from} to ${to}.`,
    recording: (url, passcode) =>
      `The recording is ready: <${url}|watch it>${passcode ? ` (passcode ${passcode})` : ''}.`,
    zoomDeauthorized:
      'Your Zoom account was disconnected from this app in Zoom, and its data here is deleted. Run `/zoom connect` to use /zoom again.',
    recordingNotShared: (topic) =>
      `The cloud recording of *${topic}* is ready, but sign-in for viewers could not be turned on, so its link was not posted. Find it in Zoom.`,
  },
  failures: {
    notConnected: 'Your Zoom connection is missing or no longer valid. Run `/zoom connect`, then try again.',
    rateLimited: (msg) =>
      `Zoom refused for now: "${msg}". Nothing was changed. Try again later (daily limits reset at 00:00 UTC).`,
    unavailable: 'Zoom is not answering right now, so nothing was changed. Try again in a few minutes.',
    noAnswer:
      'Zoom did not answer in time, so I cannot tell whether it was done. Check `/zoom list` or the Zoom app before trying again.',
    storageUnavailable:
      'The bot cannot reach its storage right now, so nothing was done. Try again in a minute.',
    rejected: (msg) => `Zoom refused the meeting details: "${msg}". Nothing was changed.`,
    unexpected:
      'Something went wrong on our side, and the meeting may not have been saved. Check Zoom, then try again.',
    notFound: 'Zoom has no such meeting in your account (it was deleted, or it is not yours).',
    notPosted:
      'The meeting was created, but I could not post it in that channel. Invite me to the channel, or share the link yourself.',
  },
  actions: {
    onlyHost: (host, action) =>
      `Only <@${host}> can ${action === 'reschedule' ? 'reschedule' : 'cancel'} this meeting.`,
    unknownMeeting: 'I no longer have a record of this meeting, so nothing was changed.',
    notScheduled: 'This meeting has already started, ended or been cancelled, so nothing was changed.',
    cancelled: (topic) => `*${topic}* is cancelled.`,
    alreadyDeleted: (topic) => `*${topic}* had already been deleted in Zoom. It is now shown as cancelled.`,
    rescheduled: (topic, to) => `*${topic}* now starts ${to}.`,
  },
  minutes,
  instantTopic: 'Zoom meeting',
  failuresExtra: {
    commandFailed: 'Something went wrong on our side and nothing was changed. Try again in a moment.',
    formExpired: 'Slack stopped waiting for the form to open. Type the command again.',
    recordingAuthNotApplied:
      'The meeting is scheduled, but Zoom did not accept "recording viewers must sign in". Turn it on in Zoom if you need it.',
  },
  surfaces: surfacesEn,
};
