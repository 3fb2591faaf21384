import { delegationEn } from './delegation-en.js';
import { surfacesEn } from './surfaces-en.js';
import type { Messages } from './types.js';

const minutes = (n: number): string => {
  const h = Math.floor(n / 60);
  const m = n % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
};

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

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
  accountLink: {
    question: (email, minutes) =>
      `Someone signed in to Zoom as *${email}* through your connect link. ` +
      'That email is not the one on your Slack profile, so the account is not connected yet. ' +
      `If it is your Zoom account, choose "This is my account". If you did not sign in, choose "Not mine" and the bot revokes the sign-in; without an answer within ${minutes} minutes, the bot revokes it too.`,
    confirm: 'This is my account',
    reject: 'Not mine',
    confirmed: (email) => `Zoom is connected as ${email}. Type \`/zoom\` to schedule a meeting.`,
    rejected: (email) => `The bot revoked the sign-in as ${email}. That account is not connected.`,
    expired: (email) =>
      `The time to confirm ${email} ran out, so the bot revoked the sign-in. Run \`/zoom connect\` to connect.`,
    gone: 'This confirmation was already answered or replaced by a newer sign-in.',
    notYours: (userId) => `This confirmation is for <@${userId}>; only they can answer it.`,
  },
  disconnected: 'Your Zoom account is disconnected and its tokens are deleted.',
  nothingToDisconnect: 'No Zoom account is connected, so there is nothing to disconnect.',
  modal: {
    title: 'Schedule Zoom meeting',
    submit: 'Schedule',
    close: 'Cancel',
    topic: 'Topic',
    topicPlaceholder: 'Weekly sync',
    when: 'When',
    whenPlaceholder: 'e.g. tomorrow 3pm, Dec 3 10:30',
    whenHintEmpty: 'Type a day and a time; press Enter to check it.',
    settingsUnread:
      'The bot could not read your Zoom settings, so nothing is preselected. Only what you pick here is sent to Zoom; everything else stays as set in Zoom.',
    whenResolvesFor: (formatted, timeZone, n) => `→ ${formatted} (${timeZone}), ${minutes(n)}`,
    whenResolves: (formatted, timeZone) => `→ ${formatted} (${timeZone})`,
    whenNotUnderstood: 'Not understood yet: type a day and a time, e.g. "tomorrow 3pm".',
    duration: 'Duration',
    durationOption: minutes,
    agenda: 'Description',
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
    reminder: 'Reminder',
    reminderOption: (n) => (n === 0 ? 'None' : `${n} min before`),
    invitees: 'Invitees',
    inviteesHint: 'Each gets a direct message with the join link and a calendar link.',
    recordingAuthOption: 'Recording viewers must sign in',
  },
  repeat: {
    label: 'Repeat',
    options: {
      none: 'Does not repeat',
      daily: 'Every day',
      weekdays: 'Every weekday (Mon–Fri)',
      weekly: 'Every week',
      biweekly: 'Every 2 weeks',
      monthly_day: 'Every month, same date',
      monthly_weekday: 'Every month, same weekday',
    },
    asTyped: (words) => `As typed: ${words}`,
    count: 'Number of occurrences',
    countHint: 'Empty: 10. Zoom allows up to 60.',
    until: 'Ends on',
    untilHint: 'The series ends at 23:59 that day; this wins over the number of occurrences.',
    preview: (words, end, firstDates) => `${words}, ${end}: ${firstDates.join(', ')}`,
    countOutOfRange: (max) => `Enter a number of occurrences from 1 to ${max}.`,
    untilBeforeStart: 'Pick an end date on or after the first meeting.',
    asTypedGone: 'The repeat typed in "When" is gone. Choose how the meeting repeats.',
    next: (date) => `Next: ${date}`,
    scope: 'Change',
    scopeOccurrence: (date) => `Only this one (${date})`,
    scopeSeries: 'The whole series',
    cancelTitle: 'Cancel meeting',
    cancelSubmit: 'Cancel meeting',
    cancelText: (topic) => `*${topic}* repeats. Cancel only the next meeting, or the whole series?`,
    occurrenceCancelled: (topic, date) =>
      `The meeting *${topic}* on ${date} is cancelled; the series goes on.`,
  },
  reminderMessage: (topic, when) => `:alarm_clock: *${topic}* starts ${when}.`,
  invite: {
    text: (host, topic) => `${host} invited you to the Zoom meeting *${topic}*.`,
    addToCalendar: 'Add to calendar',
    moved: (topic, to) => `*${topic}* has moved: it now starts ${to}.`,
    cancelled: (topic) => `*${topic}* is cancelled.`,
  },
  reschedule: {
    title: 'Reschedule meeting',
    submit: 'Save',
    current: (formatted) => `Now: ${formatted}`,
  },
  errors: {
    time: {
      too_long: 'This is too long to read. Type a short time, e.g. "tomorrow 3pm".',
      empty: 'Type when the meeting starts, e.g. "tomorrow 3pm".',
      no_time: 'The bot could not read a time here. Try e.g. "tomorrow 3pm" or "Dec 3 10:30".',
      no_hour: 'Add a start time to the day, e.g. "tomorrow 3pm".',
      past: 'That time has already passed. Pick a time in the future.',
      invalid_date: 'That date or time does not exist. Check the day and the hour.',
      duration_out_of_range: 'A meeting lasts between 1 minute and 24 hours.',
      series_out_of_range:
        'Zoom allows up to 60 occurrences, repeating at most every 99 days, 50 weeks or 10 months, and ending after the first one. Change the repeat or its end.',
    },
    otherDirectMessage:
      'The bot cannot post in a direct message with someone else. Pick a channel, or the conversation where you typed /zoom.',
    topicEmpty: 'Give the meeting a topic.',
    topicTooLong: (max) => `Keep the topic to ${max} characters.`,
    agendaTooLong: (max) => `Keep the description to ${max} characters.`,
    whenTooLong: (max, length) => `Keep the time to ${max} characters (it has ${length}).`,
    commandTooLong: (max, length) =>
      `This text is too long to read (${length} characters). Keep it to ${max}, or type \`/zoom\` alone to open the form.`,
  },
  message: {
    fallbackText: (topic) => `Zoom meeting: ${topic}`,
    when: 'When',
    now: 'Now',
    duration: 'Duration',
    host: 'Host',
    agenda: 'Description',
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
    topicChanged: (from, to) => `Topic changed from *${from}* to *${to}*.`,
    durationChanged: (from, to) => `Duration changed from ${from} to ${to}.`,
    agendaChanged: 'The description was updated.',
    recording: (url, passcode) =>
      `The recording is ready: <${url}|watch it>${passcode ? ` (passcode ${passcode})` : ''}.`,
    zoomDeauthorized:
      'Your Zoom account was disconnected from this app in Zoom, so the bot deleted what it stored for it. Run `/zoom connect` to use /zoom again.',
    recordingNotShared: (topic) =>
      `The cloud recording of *${topic}* is ready. Sign-in for viewers could not be turned on, so its link is not posted here. Find the recording in Zoom.`,
  },
  failures: {
    notConnected:
      'Your Zoom account is not connected, or the connection has expired. Run `/zoom connect`, then try again.',
    rateLimited: (retryAt) =>
      retryAt
        ? `Zoom's request limit is reached, so this was not done. Try again after ${retryAt}.`
        : 'Zoom is getting too many requests right now, so this was not done. Try again in a moment.',
    unavailable: 'Zoom is not answering right now, so this was not done. Try again in a few minutes.',
    noAnswer:
      'Zoom did not answer in time, so the bot cannot tell whether it was done. Check `/zoom list` or the Zoom app before trying again.',
    storageUnavailable:
      'The bot cannot reach its storage right now, so this was not done. Try again in a minute.',
    storageUncertain:
      'The bot’s storage stopped answering while saving this, so it may still be carried out. Wait a minute and check the channel (or `/zoom list`) before submitting again.',
    rejected: (msg) =>
      `Zoom did not accept the meeting details, so this was not done (${msg}). Correct them and try again.`,
    unexpected:
      'The bot ran into a problem, and the meeting may not have been saved. Check the Zoom app, then try again.',
    notFound:
      'Zoom has no such meeting in your account (it was deleted, or it belongs to someone else). Check `/zoom list`.',
    notPosted:
      'The meeting is created, but the bot could not post it in that channel. Invite the bot to the channel, or share this link:',
  },
  actions: {
    onlyHost: (host, action) =>
      `Only <@${host}> can ${action === 'reschedule' ? 'reschedule' : 'cancel'} this meeting.`,
    otherZoomAccount: (topic, email) =>
      `*${topic}* belongs to ${email ? `the Zoom account ${email}` : 'another Zoom account'}, not the one you are connected to now, so nothing was changed. Change it in Zoom while signed in to that account, or reconnect it with \`/zoom connect\`.`,
    unknownMeeting:
      'The bot no longer has a record of this meeting, so it cannot be changed here. Use the Zoom app instead.',
    notScheduled:
      'This meeting has already started, ended or been cancelled, so it can no longer be changed.',
    cancelled: (topic) => `*${topic}* is cancelled.`,
    alreadyDeleted: (topic) =>
      `*${topic}* had already been deleted in Zoom, so it is now shown as cancelled.`,
    rescheduled: (topic, to) => `*${topic}* now starts ${to}.`,
    edited: (topic) => `*${topic}* is updated in Zoom.`,
    unchanged: (topic) =>
      `The form matches *${topic}* as it is, so the bot sent no change to Zoom. Edit a field to change the meeting.`,
  },
  minutes,
  instantTopic: 'Zoom meeting',
  failuresExtra: {
    commandFailed: 'The bot ran into a problem, so this was not done. Try again in a moment.',
    formExpired: 'The form did not open in time. Type the command again.',
    recordingAuthNotApplied:
      'The meeting is scheduled, but Zoom did not accept "recording viewers must sign in". Turn it on in Zoom if you need it.',
  },
  afterAnswer: {
    createdNotYetShown:
      'The meeting is created in Zoom. The bot will post it in the channel as soon as it can; here is the join link:',
    changeNotShown: (topic, state) =>
      `*${topic}* changed: ${state}\nThe bot could not update its message in the channel, so it tells you here. Click a button on the message to bring it up to date.`,
  },
  assumed: (notes) => {
    const said = notes.map((a) =>
      a.kind === 'afternoon'
        ? `"${a.typed}" as ${a.typed} pm`
        : a.kind === 'monthFirst'
          ? `${a.month}/${a.day} as ${MONTH_NAMES[a.month - 1]} ${a.day}`
          : `the date without a year as ${a.year}`,
    );
    return `The bot read ${said.join(', ')}. If that is not what you meant, type it differently.`;
  },
  surfaces: surfacesEn,
  delegation: delegationEn,
};
