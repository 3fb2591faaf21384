import type { SurfaceMessages } from './surfaces-types.js';

export const surfacesJa: SurfaceMessages = {
  channelRequired: 'ミーティングを投稿するチャンネルを選んでください。',
  shortcutExpired: 'フォームを開くのが間に合いませんでした。もう一度ショートカットを使ってください。',
  buttonExpired: 'フォームを開くのが間に合いませんでした。もう一度ボタンを押してください。',
  home: {
    title: 'Zoom ミーティング',
    connectedAs: (email) => `*${email}* として Zoom と連携しています。`,
    notConnected: 'Slack からミーティングを予約するには、Zoom アカウントを連携してください。',
    connect: 'Zoom と連携',
    disconnect: '連携を解除',
    disconnectConfirmTitle: 'Zoom との連携を解除しますか？',
    disconnectConfirmText: 'Zoom のトークンを削除します。予約済みのミーティングは Zoom に残ります。',
    disconnectConfirmYes: '解除する',
    schedule: 'ミーティングを予約',
    meetingsHeader: '今後のミーティング',
    noMeetings: '予定されている Zoom ミーティングはありません。',
    meetingsUnavailable: (reason) => `いまはミーティングを表示できません。${reason}`,
    madeOutsideSlack: 'Slack 以外で予約',
    previous: '前へ',
    next: '次へ',
    page: (page, pages) => `${page} / ${pages} ページ`,
    defaultsHeader: '既定の設定',
    defaultsHint:
      '新しいミーティングはこの設定から始まります。言語はボットからのすべてのメッセージに使われます。',
    duration: (m) => `所要時間: ${m}`,
    reminder: (n) => (n === 0 ? 'リマインダー: なし' : `リマインダー: ${n}分前`),
    recording: {
      none: '録画: しない',
      local: '録画: コンピューター',
      cloud: '録画: クラウド',
    },
    language: { auto: '言語: Slack の設定', ja: '言語: 日本語', en: '言語: English' },
    disconnected: 'Zoom アカウントの連携を解除しました。',
  },
  workflow: {
    notConnected: (host) =>
      `ホスト（${host}）が Zoom アカウントをボットに連携していません。連携用のリンクを本人に非公開で送りました。連携後にワークフローをもう一度実行してください。`,
    topicMissing: '入力「topic」が空です。ミーティングのトピックを指定してください。',
    timeNotUnderstood: (when, why) => `入力「when」（「${when}」）を日時として読み取れませんでした。${why}`,
    durationOutOfRange: '入力「duration」は1〜1440の整数（分）で指定してください。',
    zoomRefused: (why) => `Zoom がミーティングの作成を受け付けませんでした。${why}`,
    uncertain:
      'Zoom から時間内に応答がなく、ミーティングが作成されたかどうか分かりません。ワークフローを再実行する前に、ホストの Zoom で確認してください。',
    failed: 'ボット側の問題でミーティングを作成できませんでした。少し待ってからもう一度お試しください。',
    notPostedNote: 'ミーティングは Zoom に作成しましたが、指定のチャンネルに投稿できませんでした。',
  },
  unfurl: {
    status: {
      scheduled: '予定',
      started: ':red_circle: 開催中',
      ended: '終了',
      cancelled: ':no_entry_sign: 中止',
    },
  },
};
