import type { DelegationMessages } from './delegation-types.js';

const PATH = 'Zoom: Settings › Meeting › Scheduling privilege';

export const delegationEn: DelegationMessages = {
  hostLabel: 'Host',
  me: 'Me',
  hostHint: 'People who let you schedule meetings for them in Zoom',
  notAmongSchedulers: (who) =>
    `${who} has not given you Zoom's scheduling privilege, so you host this meeting. They can grant it in ${PATH}.`,
  noEmail: (who) =>
    `Slack does not show ${who}'s email to the bot, so the bot cannot tell which Zoom user they are. You host this meeting unless you choose them under Host.`,
  schedulersUnread: (who) =>
    `The bot could not ask Zoom in time whom you may schedule for, so you host this meeting, not ${who}. Open the form again to try once more.`,
  noPrivilege: (who) =>
    `Zoom does not let you schedule meetings for ${who}. They can give you the scheduling privilege in ${PATH}; or choose Me.`,
  notCreated: (topic, who) =>
    `*${topic}* was not created: Zoom does not let you schedule meetings for ${who}. They can give you the scheduling privilege in ${PATH}, then schedule it again.`,
  scheduledBy: (mention) => `scheduled by ${mention}`,
  onlyHostOrScheduler: (host, scheduler, action) =>
    `Only ${host} (the host) or ${scheduler} (who scheduled it) can ${action === 'reschedule' ? 'reschedule' : 'cancel'} this meeting.`,
  invitedBy: (host, topic, scheduler) =>
    `${host} invited you to the Zoom meeting *${topic}* (scheduled by ${scheduler}).`,
  notPostedForHost: (scheduler, topic, when) =>
    `${scheduler} scheduled *${topic}* (${when}) for you to host, but the bot could not post it in the channel. Its join link:`,
  schedulerOtherAccount: (topic, scheduler, connect) =>
    `${scheduler} scheduled *${topic}* from a Zoom account the bot is no longer connected with, so it cannot be changed from Slack and nothing was changed. Change it in Zoom${connect ? ', or connect your own Zoom account with `/zoom connect` and try again' : ''}.`,
};
