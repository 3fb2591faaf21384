/** Texts of scheduling for someone else (Zoom's scheduling privilege). */
export interface DelegationMessages {
  /** The form's `host` select. */
  hostLabel: string;
  me: string;
  hostHint: string;
  /** Under the select (or alone) when the host typed after /zoom could not be chosen; `who` is a mention. */
  notAmongSchedulers(who: string): string;
  noEmail(who: string): string;
  schedulersUnread(who: string): string;
  /** Field error on `host` (plain text): Zoom does not let the user schedule for `who` (an email). */
  noPrivilege(who: string): string;
  /** Zoom refused the create after the form closed: nothing was created. */
  notCreated(topic: string, who: string): string;
  /** In the channel message, under the host. */
  scheduledBy(mention: string): string;
  onlyHostOrScheduler(host: string, scheduler: string, action: 'reschedule' | 'cancel'): string;
  /** The invitee's DM of a meeting scheduled for `host` by `scheduler` (mentions, or the host's email). */
  invitedBy(host: string, topic: string, scheduler: string): string;
  /**
   * To the host: the meeting was made from the scheduler's Zoom account, which the bot is no longer
   * connected with, so nothing was changed; `connect`: the host is not connected and may connect.
   */
  schedulerOtherAccount(topic: string, scheduler: string, connect: boolean): string;
  /** To the host: a meeting made for them could not be posted where it was meant to be; the join link follows. */
  notPostedForHost(scheduler: string, topic: string, when: string): string;
}
