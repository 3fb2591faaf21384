/** Every user-facing text of the Slack app, one implementation per language. */
import type { Assumption } from '../../time/index.js';
import type { RepeatChoice } from '../../time/recurrence.js';
import type { ParseFailureReason } from '../../time/types.js';
import type { DelegationMessages } from './delegation-types.js';
import type { SurfaceMessages } from './surfaces-types.js';

export type ZoomOption =
  | 'host_video'
  | 'participant_video'
  | 'join_before_host'
  | 'mute_upon_entry'
  | 'waiting_room';

export interface Messages {
  help: { title: string; body: string; examples: string[] };
  connect: { prompt: string; button: string; alreadyConnected(email: string): string; notConnected: string };
  connectedDm(email: string): string;
  /** A Zoom sign-in whose email is not the Slack profile's, waiting for its Slack user's answer. */
  accountLink: {
    question(email: string, minutes: number): string;
    confirm: string;
    reject: string;
    confirmed(email: string): string;
    rejected(email: string): string;
    expired(email: string): string;
    gone: string;
    notYours(userId: string): string;
  };
  disconnected: string;
  nothingToDisconnect: string;
  modal: {
    title: string;
    submit: string;
    close: string;
    topic: string;
    topicPlaceholder: string;
    when: string;
    whenPlaceholder: string;
    whenHintEmpty: string;
    whenResolves(formatted: string, timeZone: string): string;
    /** The same, with the meeting's length as it will be sent. */
    whenResolvesFor(formatted: string, timeZone: string, minutes: number): string;
    /** The form could not start from the host's Zoom settings. */
    settingsUnread: string;
    whenNotUnderstood: string;
    duration: string;
    durationOption(minutes: number): string;
    agenda: string;
    channel: string;
    options: string;
    option: Record<ZoomOption, string>;
    recording: string;
    recordingNone: string;
    recordingLocal: string;
    recordingCloud: string;
    recordingAuth: string;
    recordingAuthOption: string;
    invitees: string;
    inviteesHint: string;
    reminder: string;
    reminderOption(minutesBefore: number): string;
  };
  /** The reminder posted in the channel (or by DM) before the meeting. */
  reminderMessage(topic: string, when: string): string;
  /** The invitation each invitee gets by DM (never with the start link). */
  invite: {
    text(host: string, topic: string): string;
    addToCalendar: string;
    moved(topic: string, to: string): string;
    cancelled(topic: string): string;
  };
  reschedule: { title: string; submit: string; current(formatted: string): string };
  /** The modal's repeat fields and the series line of the preview. */
  repeat: {
    label: string;
    options: Record<Exclude<RepeatChoice, 'as_typed'>, string>;
    /** The option that keeps the rule as typed, e.g. "As typed: Every Tue, Thu". */
    asTyped(words: string): string;
    count: string;
    countHint: string;
    until: string;
    untilHint: string;
    /** The rule in words, its end, the first meetings as <!date>. */
    preview(words: string, end: string, firstDates: string[]): string;
    countOutOfRange(max: number): string;
    untilBeforeStart: string;
    asTypedGone: string;
    /** The channel message's line for the occurrence it shows. */
    next(date: string): string;
    /** Reschedule and cancel on a series: which meetings. */
    scope: string;
    scopeOccurrence(date: string): string;
    scopeSeries: string;
    cancelTitle: string;
    cancelSubmit: string;
    cancelText(topic: string): string;
    occurrenceCancelled(topic: string, date: string): string;
  };
  errors: {
    time: Record<ParseFailureReason, string>;
    /** 投稿先 is a DM other than the one /zoom was typed in. */
    otherDirectMessage: string;
    topicEmpty: string;
    topicTooLong(max: number): string;
    agendaTooLong(max: number): string;
    whenTooLong(max: number, length: number): string;
    commandTooLong(max: number, length: number): string;
  };
  message: {
    fallbackText(topic: string): string;
    when: string;
    now: string;
    duration: string;
    host: string;
    agenda: string;
    join: string;
    reschedule: string;
    cancel: string;
    confirmTitle: string;
    confirmText: string;
    confirmYes: string;
    confirmNo: string;
    live: string;
    ended(ranMinutes?: number): string;
    cancelled: string;
  };
  startLink: { text(topic: string): string; button: string; expires: string };
  list: { heading: string; none: string };
  notes: {
    moved(from: string, to: string): string;
    /** Lines of a thread note after the reschedule form changed the topic, duration or description. */
    topicChanged(from: string, to: string): string;
    durationChanged(from: string, to: string): string;
    agendaChanged: string;
    recording(shareUrl: string, passcode?: string): string;
    zoomDeauthorized: string;
    recordingNotShared(topic: string): string;
  };
  failures: {
    notConnected: string;
    /** `retryAt` is when the limit resets, already formatted for the reader; absent for a short burst limit. */
    rateLimited(retryAt?: string): string;
    unavailable: string;
    storageUnavailable: string;
    /** Storage stopped answering while the request was being stored: it may still be carried out. */
    storageUncertain: string;
    noAnswer: string;
    rejected(zoomMessage: string): string;
    unexpected: string;
    notPosted: string;
    notFound: string;
  };
  actions: {
    onlyHost(hostUserId: string, action: 'reschedule' | 'cancel'): string;
    /** The meeting was created by another Zoom account than the one now connected; nothing changed. */
    otherZoomAccount(topic: string, email: string | undefined): string;
    unknownMeeting: string;
    notScheduled: string;
    cancelled(topic: string): string;
    alreadyDeleted(topic: string): string;
    rescheduled(topic: string, to: string): string;
    /** The reschedule form changed the topic, duration or description (and maybe the time). */
    edited(topic: string): string;
    /** The form was submitted as the meeting already is: no change went to Zoom. */
    unchanged(topic: string): string;
  };
  minutes(n: number): string;
  instantTopic: string;
  failuresExtra: { recordingAuthNotApplied: string; commandFailed: string; formExpired: string };
  afterAnswer: {
    /** Zoom created the meeting; storing it failed for now (it reaches the channel later). */
    createdNotYetShown: string;
    /** A change the meeting's message could not show (sent once per change, by DM). */
    changeNotShown(topic: string, state: string): string;
  };
  /** The conventions a reading of `when` rests on, said under the preview ("3時" read as 15:00). */
  assumed(notes: readonly Assumption[]): string;
  /** App Home, shortcuts, the Workflow Builder step, link previews. */
  surfaces: SurfaceMessages;
  /** Scheduling for someone else. */
  delegation: DelegationMessages;
}
