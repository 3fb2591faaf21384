/** The kinds of after-answer work and what each job stores (removed once the job is over). */
import type { ZoomEvent } from '../scheduling/ports/events.js';
import type { Locale, SlackUserRef } from '../scheduling/ports/types.js';
import type { CreateProgress, MeetingScheduler, NewMeeting } from '../scheduling/scheduler.js';
import type { SeriesScope } from '../scheduling/series-changes.js';
import type { MeetingNote, UserNote } from '../scheduling/types.js';
import type { PrivateMessage } from '../slack/blocks/notices.js';
import type { Completed } from '../zoom/connections.js';
import type { EnqueueOptions } from './queue.js';

type PendingLink = Extract<Completed, { outcome: 'pending' }>;

/** What an uninstall removes: one workspace, or an organization's org-wide install and its workspaces. */
export interface Uninstall {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall: boolean;
  /**
   * The installation stored when the event came (its fingerprint), null for none: only that one is
   * deleted, so a workspace that installs again while the clean-up still runs keeps its new install.
   */
  installation?: string | null;
}

/** Where a private notice goes first: ephemeral in the channel, else the response_url, else a DM. */
export interface Where {
  channelId?: string;
  responseUrl?: string;
}

export interface JobKinds {
  create: {
    owner: SlackUserRef;
    meeting: NewMeeting;
    where: Where;
    locale: Locale;
    progress?: CreateProgress;
    /** Started from the App Home: show it again once done. */
    refreshHome?: boolean;
  };
  reschedule: {
    owner: SlackUserRef;
    meetingId: string;
    change: Parameters<MeetingScheduler['reschedule']>[2];
    where: Where;
    locale: Locale;
    refreshHome?: boolean;
  };
  /** The notice's language is looked up when the job runs (the click is answered without waiting). */
  cancel: {
    owner: SlackUserRef;
    meetingId: string;
    responseUrl?: string;
    /** For a series: this meeting or every one. */
    scope?: SeriesScope;
    where: Where;
    locale?: Locale;
    refreshHome?: boolean;
  };
  'zoom-event': { event: ZoomEvent; deliveryKey: string };
  /** Re-render the meeting's message from the record as it is when the job runs. */
  /** `by`: whose change it shows (told too when the message cannot show it); none for a change in Zoom. */
  refresh: { owner: SlackUserRef; meetingId: string; by?: SlackUserRef };
  'thread-note': { owner: SlackUserRef; meetingId: string; note: MeetingNote };
  notify: { owner: SlackUserRef; note: UserNote };
  tell: { owner: SlackUserRef; where: Where; message: PrivateMessage };
  connected: { owner: SlackUserRef; zoomEmail: string };
  /** "Is this Zoom account yours?" after a sign-in that needs the user's confirmation. */
  'ask-account': { owner: SlackUserRef; pending: PendingLink };
  /** A workspace (or an org-wide install) removed the bot: delete all it left (no owner: not dropped with a user). */
  uninstall: Uninstall;
}

/** What listeners and routes use to hand work over: resolves once the job is stored in Redis. */
export interface AfterAnswer {
  enqueue<K extends keyof JobKinds & string>(
    kind: K,
    data: JobKinds[K],
    opts?: EnqueueOptions,
  ): Promise<void>;
  /** Drops the user's waiting and delayed jobs (their data names the user). */
  removeFor(user: SlackUserRef): Promise<number>;
}
