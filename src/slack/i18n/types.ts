/** Every user-facing text of the Slack app, one implementation per language. */
import type { ParseFailureReason } from '../../time/types.js';

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
  };
  reschedule: { title: string; submit: string; current(formatted: string): string };
  errors: {
    time: Record<ParseFailureReason, string>;
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
    noAnswer: string;
    rejected(zoomMessage: string): string;
    unexpected: string;
    notPosted: string;
    notFound: string;
  };
  actions: {
    onlyHost(hostUserId: string, action: 'reschedule' | 'cancel'): string;
    unknownMeeting: string;
    notScheduled: string;
    cancelled(topic: string): string;
    alreadyDeleted(topic: string): string;
    rescheduled(topic: string, to: string): string;
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
}
