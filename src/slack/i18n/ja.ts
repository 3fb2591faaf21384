import { surfacesJa } from './surfaces-ja.js';
import type { Messages } from './types.js';

const minutes = (n: number): string => {
  const h = Math.floor(n / 60);
  const m = n % 60;
  if (h === 0) return `${m}分`;
  return m === 0 ? `${h}時間` : `${h}時間${m}分`;
};

export const ja: Messages = {
  help: {
    title: 'Slack から Zoom ミーティングを予約',
    body:
      '`/zoom [議題と日時]` で、入力内容を反映したフォームが開きます。`/zoom now [議題]` ですぐに会議を始めます。' +
      '`/zoom list` で今後の会議を表示します。`/zoom connect` / `/zoom disconnect` で Zoom アカウントを連携・解除します。' +
      'ホストとして開始するリンクはあなたにだけ表示されます。',
    examples: ['/zoom 明日 15時 定例 45分', '/zoom Weekly sync tomorrow 3pm', '/zoom now 相談'],
  },
  connect: {
    prompt: '/zoom で会議を予約するには、Zoom アカウントを連携してください。',
    button: 'Zoom と連携',
    alreadyConnected: (email) =>
      `${email} として Zoom と連携済みです。別のアカウントにするには再度連携してください。`,
    notConnected: 'Zoom アカウントがまだ連携されていません。',
  },
  connectedDm: (email) => `${email} として Zoom と連携しました。\`/zoom\` で会議を予約できます。`,
  disconnected: 'Zoom アカウントの連携を解除し、トークンを削除しました。',
  nothingToDisconnect: '連携中の Zoom アカウントはありません。',
  modal: {
    title: 'Zoom 会議を予約',
    submit: '予約する',
    close: 'キャンセル',
    topic: '議題',
    topicPlaceholder: '週次定例',
    when: '日時',
    whenPlaceholder: '例: 明日 15時、12月3日 10:30',
    whenHintEmpty: '日付と時刻を入力してください。Enter で確認できます。',
    whenResolves: (formatted, timeZone) => `→ ${formatted}（${timeZone}）`,
    whenNotUnderstood: 'まだ読み取れません。「明日 15時」のように日付と時刻を入力してください。',
    duration: '所要時間',
    durationOption: minutes,
    agenda: 'アジェンダ',
    channel: '投稿先',
    options: 'オプション',
    option: {
      host_video: 'ホストのビデオをオン',
      participant_video: '参加者のビデオをオン',
      join_before_host: 'ホストより前の参加を許可',
      mute_upon_entry: '入室時にミュート',
      waiting_room: '待機室',
    },
    recording: 'レコーディング',
    recordingNone: '録画しない',
    recordingLocal: 'コンピューターに録画',
    recordingCloud: 'クラウドに録画',
    recordingAuth: '録画の閲覧',
    recordingAuthOption: '閲覧にはサインインが必要',
  },
  reschedule: {
    title: '会議の日時を変更',
    submit: '変更する',
    current: (formatted) => `現在: ${formatted}`,
  },
  errors: {
    time: {
      empty: '開始日時を入力してください（例: 明日 15時）。',
      no_time: '日時を読み取れませんでした。「明日 15時」「12月3日 10:30」のように入力してください。',
      no_hour: '開始時刻も入力してください（例: 明日 15時）。',
      past: 'その日時は過ぎています。これからの日時を指定してください。',
      invalid_date: '存在しない日付または時刻です。日付と時刻を確認してください。',
      duration_out_of_range: '所要時間は1分から24時間の間で指定してください。',
    },
    topicEmpty: '議題を入力してください。',
    topicTooLong: (max) => `議題は${max}文字以内で入力してください。`,
    agendaTooLong: (max) => `アジェンダは${max}文字以内で入力してください。`,
  },
  message: {
    fallbackText: (topic) => `Zoom 会議: ${topic}`,
    when: '日時',
    now: '今すぐ',
    duration: '所要時間',
    host: 'ホスト',
    agenda: 'アジェンダ',
    join: '参加',
    reschedule: '日時を変更',
    cancel: '会議を中止',
    confirmTitle: 'この会議を中止しますか？',
    confirmText: 'Zoom から会議が削除され、参加リンクは使えなくなります。',
    confirmYes: '中止する',
    confirmNo: '戻る',
    live: ':red_circle: 開催中',
    ended: (ran) => (ran === undefined ? '終了' : `終了（${minutes(ran)}）`),
    cancelled: ':no_entry_sign: 中止',
  },
  startLink: {
    expires:
      'このリンクの有効期間は約2時間です。それ以降は `/zoom list` から新しいリンクを取得してください。',
    text: (topic) =>
      `あなたにだけ表示されています: このリンクで *${topic}* をホストとして開始できます。共有しないでください。`,
    button: 'ホストとして開始',
  },
  list: { heading: '今後の Zoom 会議', none: '予定されている Zoom 会議はありません。' },
  notes: {
    moved: (from, to) => `日時を ${from} から ${to} に変更しました。`,
    recording: (url, passcode) =>
      `録画の準備ができました: <${url}|録画を見る>${passcode ? `（パスコード ${passcode}）` : ''}`,
    zoomDeauthorized:
      'Zoom 側でこのアプリとの連携が解除されたため、こちらのデータを削除しました。再度使うには `/zoom connect` を実行してください。',
    recordingNotShared: (topic) =>
      `*${topic}* のクラウド録画ができましたが、閲覧時のサインイン必須を設定できなかったため、リンクは投稿していません。Zoom で確認してください。`,
  },
  failures: {
    notConnected:
      'Zoom との連携がないか、無効になっています。`/zoom connect` を実行してから、もう一度お試しください。',
    rateLimited: (msg) =>
      `Zoom に一時的に拒否されました:「${msg}」。何も変更していません。時間をおいてお試しください（1日の上限は 00:00 UTC にリセットされます）。`,
    unavailable: 'Zoom が応答しないため、何も変更していません。数分後にもう一度お試しください。',
    noAnswer:
      'Zoom から時間内に応答がなく、処理されたかどうか分かりません。もう一度試す前に `/zoom list` か Zoom アプリで確認してください。',
    storageUnavailable:
      'ボットのデータストアに接続できないため、何もしていません。1分ほど待ってからもう一度お試しください。',
    rejected: (msg) => `Zoom が会議の内容を受け付けませんでした:「${msg}」。何も変更していません。`,
    unexpected:
      'こちらで問題が起き、会議が保存されていない可能性があります。Zoom を確認してから、もう一度お試しください。',
    notFound: 'あなたの Zoom アカウントにその会議はありません（削除済みか、あなたの会議ではありません）。',
    notPosted:
      '会議は作成しましたが、そのチャンネルに投稿できませんでした。チャンネルに招待するか、リンクを共有してください。',
  },
  actions: {
    onlyHost: (host, action) =>
      `この会議を${action === 'reschedule' ? '変更' : '中止'}できるのは <@${host}> さんだけです。`,
    unknownMeeting: 'この会議の記録が見つからないため、何も変更していません。',
    notScheduled: 'この会議はすでに開始・終了・中止されているため、何も変更していません。',
    cancelled: (topic) => `*${topic}* を中止しました。`,
    alreadyDeleted: (topic) => `*${topic}* は Zoom ですでに削除されていました。中止として表示します。`,
    rescheduled: (topic, to) => `*${topic}* の開始を ${to} に変更しました。`,
  },
  minutes,
  instantTopic: 'Zoom ミーティング',
  failuresExtra: {
    commandFailed: 'こちらで問題が起きたため、何も変更していません。少し待ってからもう一度お試しください。',
    formExpired: 'フォームを開くのが間に合いませんでした。もう一度コマンドを入力してください。',
    recordingAuthNotApplied:
      '会議は予約しましたが、「録画の閲覧にはサインインが必要」を Zoom が受け付けませんでした。必要なら Zoom で設定してください。',
  },
  surfaces: surfacesJa,
};
