import type { DelegationMessages } from './delegation-types.js';

const PATH = 'Zoom の 設定 › ミーティング › スケジュール権限';

export const delegationJa: DelegationMessages = {
  hostLabel: 'ホスト',
  me: '自分',
  hostHint: 'Zoom であなたに代理でのスケジュールを許可している人',
  notAmongSchedulers: (who) =>
    `${who} さんは Zoom のスケジュール権限をあなたに付与していないため、ホストはあなたになります。権限は ${PATH} で付与できます。`,
  noEmail: (who) =>
    `${who} さんのメールアドレスがボットに公開されていないため、どの Zoom ユーザーか判断できません。ホストで選ばない限り、ホストはあなたになります。`,
  schedulersUnread: (who) =>
    `代理でスケジュールできる相手を Zoom に時間内に確認できなかったため、ホストは ${who} さんではなくあなたになります。もう一度フォームを開いてお試しください。`,
  noPrivilege: (who) =>
    `Zoom では ${who} の代理でミーティングをスケジュールできません。${PATH} で権限を付与してもらうか、「自分」を選んでください。`,
  notCreated: (topic, who) =>
    `*${topic}* は作成されませんでした。Zoom で ${who} の代理でスケジュールする権限がありません。${PATH} で権限を付与してもらってから、もう一度予約してください。`,
  scheduledBy: (mention) => `${mention} さんが予約`,
  onlyHostOrScheduler: (host, scheduler, action) =>
    `このミーティングを${action === 'reschedule' ? '変更' : '中止'}できるのは、ホストの ${host} さんと予約した ${scheduler} さんだけです。`,
  invitedBy: (host, topic, scheduler) =>
    `${host} さんから Zoom ミーティング *${topic}* への招待です（${scheduler} さんが予約）。`,
  notPostedForHost: (scheduler, topic, when) =>
    `${scheduler} さんが、あなたをホストとして *${topic}*（${when}）を予約しましたが、ボットはチャンネルに投稿できませんでした。参加リンク:`,
  schedulerOtherAccount: (topic, scheduler, connect) =>
    `*${topic}* は ${scheduler} さんが、いまボットと連携していない Zoom アカウントから予約したため、Slack からは変更できません。何も変更していません。Zoom で変更してください${connect ? '。または `/zoom connect` でご自身の Zoom アカウントを連携してから、もう一度お試しください' : ''}。`,
};
