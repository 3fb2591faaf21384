import { delegationJa } from './delegation-ja.js';
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
      '`/zoom [トピックと日時]` で、入力内容を反映したフォームが開きます。`/zoom now [トピック]` ですぐにミーティングを始めます。' +
      '`/zoom list` で今後のミーティングを表示します。`/zoom connect` / `/zoom disconnect` で Zoom アカウントを連携・解除します。' +
      'ホストとして開始するリンクはあなたにだけ表示されます。',
    examples: ['/zoom 明日 15時 定例 45分', '/zoom Weekly sync tomorrow 3pm', '/zoom now 相談'],
  },
  connect: {
    prompt: '/zoom でミーティングを予約するには、Zoom アカウントを連携してください。',
    button: 'Zoom と連携',
    alreadyConnected: (email) =>
      `${email} として Zoom と連携済みです。別のアカウントに切り替えるには、もう一度連携してください。`,
    notConnected: 'Zoom アカウントがまだ連携されていません。',
  },
  connectedDm: (email) => `${email} として Zoom と連携しました。\`/zoom\` でミーティングを予約できます。`,
  accountLink: {
    question: (email, minutes) =>
      `あなたの連携用リンクから、Zoom アカウント *${email}* でサインインがありました。` +
      'Slack のプロフィールとメールアドレスが異なるため、まだ連携していません。' +
      `ご自身のアカウントであれば「自分のアカウントです」を選んでください。心当たりがなければ「自分のものではありません」を選ぶと、ボットがこのサインインを取り消します。${minutes} 分以内に選ばれない場合も取り消します。`,
    confirm: '自分のアカウントです',
    reject: '自分のものではありません',
    confirmed: (email) => `${email} として Zoom と連携しました。\`/zoom\` でミーティングを予約できます。`,
    rejected: (email) => `${email} でのサインインを取り消しました。このアカウントは連携されていません。`,
    expired: (email) =>
      `${email} の確認期限が過ぎたため、ボットがサインインを取り消しました。連携するには \`/zoom connect\` を実行してください。`,
    gone: 'この確認はすでに回答済みか、新しいサインインに置き換えられています。',
    notYours: (userId) => `この確認は <@${userId}> さんへのものです。回答できるのはご本人だけです。`,
  },
  disconnected: 'Zoom アカウントの連携を解除し、トークンを削除しました。',
  nothingToDisconnect: '連携中の Zoom アカウントはないため、解除するものはありません。',
  modal: {
    title: 'Zoom ミーティングを予約',
    submit: '予約する',
    close: 'キャンセル',
    topic: 'トピック',
    topicPlaceholder: '週次定例',
    when: '日時',
    whenPlaceholder: '例: 明日 15時、12月3日 10:30',
    whenHintEmpty: '日付と時刻を入力してください。Enter で確認できます。',
    settingsUnread:
      'Zoom の設定を読み取れなかったため、オプションと録画は未選択で表示しています。ここで選んだものだけを Zoom に送り、それ以外は Zoom の設定のままになります。',
    whenResolvesFor: (formatted, timeZone, n) => `→ ${formatted}（${timeZone}）、所要時間 ${minutes(n)}`,
    whenResolves: (formatted, timeZone) => `→ ${formatted}（${timeZone}）`,
    whenNotUnderstood: 'まだ読み取れません。「明日 15時」のように日付と時刻を入力してください。',
    duration: '所要時間',
    durationOption: minutes,
    agenda: '説明',
    channel: '投稿先',
    options: 'オプション',
    option: {
      host_video: 'ホストのビデオをオン',
      participant_video: '参加者のビデオをオン',
      join_before_host: 'ホストより前の参加を許可',
      mute_upon_entry: '入室時にミュート',
      waiting_room: '待機室',
    },
    recording: '録画',
    recordingNone: '録画しない',
    recordingLocal: 'コンピューターに録画',
    recordingCloud: 'クラウドに録画',
    recordingAuth: '録画の閲覧',
    reminder: 'リマインダー',
    reminderOption: (n) => (n === 0 ? 'なし' : `${n}分前`),
    invitees: '招待者',
    inviteesHint: '招待者にはボットが参加リンクとカレンダー登録用のリンクを DM で送ります。',
    recordingAuthOption: '録画を見るにはサインインが必要',
  },
  repeat: {
    label: '繰り返し',
    options: {
      none: '繰り返さない',
      daily: '毎日',
      weekdays: '平日（月〜金）',
      weekly: '毎週',
      biweekly: '隔週',
      monthly_day: '毎月（同じ日付）',
      monthly_weekday: '毎月（同じ曜日）',
    },
    asTyped: (words) => `入力どおり: ${words}`,
    count: '回数',
    countHint: '空欄の場合は10回です。Zoomでは最大60回です。',
    until: '終了日',
    untilHint: 'その日の23:59に終了します。回数より優先されます。',
    preview: (words, end, firstDates) => `${words}（${end}）: ${firstDates.join('、')}`,
    countOutOfRange: (max) => `回数は1から${max}の間で入力してください。`,
    untilBeforeStart: '終了日は初回以降の日付を選んでください。',
    asTypedGone: '「日時」に入力した繰り返しがなくなりました。繰り返し方を選んでください。',
    next: (date) => `次回: ${date}`,
    scope: '変更する範囲',
    scopeOccurrence: (date) => `この回のみ（${date}）`,
    scopeSeries: 'すべての回',
    cancelTitle: 'ミーティングを中止',
    cancelSubmit: '中止する',
    cancelText: (topic) =>
      `*${topic}* は繰り返しのミーティングです。次の回のみ中止しますか、すべての回を中止しますか？`,
    occurrenceCancelled: (topic, date) =>
      `*${topic}* の${date}の回を中止しました。以降の回は予定どおりです。`,
  },
  reminderMessage: (topic, when) => `:alarm_clock: *${topic}* は ${when} に始まります。`,
  invite: {
    text: (host, topic) => `${host} さんから Zoom ミーティング *${topic}* への招待です。`,
    addToCalendar: 'カレンダーに追加',
    moved: (topic, to) => `*${topic}* の日時が変更されました。新しい開始は ${to} です。`,
    cancelled: (topic) => `*${topic}* は中止になりました。`,
  },
  reschedule: {
    title: 'ミーティングの日時を変更',
    submit: '変更する',
    current: (formatted) => `現在: ${formatted}`,
  },
  errors: {
    time: {
      too_long: '長すぎるため読み取りませんでした。日時は短く入力してください（例: 明日 15時）。',
      empty: '開始日時を入力してください（例: 明日 15時）。',
      no_time: '日時を読み取れませんでした。「明日 15時」「12月3日 10:30」のように入力してください。',
      no_hour: '開始時刻も入力してください（例: 明日 15時）。',
      past: 'その日時は過ぎています。これからの日時を指定してください。',
      invalid_date: '存在しない日付または時刻です。日付と時刻を確認してください。',
      duration_out_of_range: '所要時間は1分から24時間の間で指定してください。',
      series_out_of_range:
        'Zoomの繰り返しは最大60回、間隔は99日・50週・10か月までで、終了日は初回より後である必要があります。繰り返しか終了日を変更してください。',
    },
    otherDirectMessage:
      'ほかの人との DM にはボットが投稿できません。チャンネルか、/zoom を入力した会話を選んでください。',
    topicEmpty: 'トピックを入力してください。',
    topicTooLong: (max) => `トピックは${max}文字以内で入力してください。`,
    agendaTooLong: (max) => `説明は${max}文字以内で入力してください。`,
    whenTooLong: (max, length) => `日時は${max}文字以内で入力してください（現在${length}文字）。`,
    commandTooLong: (max, length) =>
      `入力が長すぎるため読み取りませんでした（${length}文字）。${max}文字以内で入力するか、\`/zoom\` だけでフォームを開いてください。`,
  },
  message: {
    fallbackText: (topic) => `Zoom ミーティング: ${topic}`,
    when: '日時',
    now: '今すぐ',
    duration: '所要時間',
    host: 'ホスト',
    agenda: '説明',
    join: '参加',
    reschedule: '日時を変更',
    cancel: 'ミーティングを中止',
    confirmTitle: 'このミーティングを中止しますか？',
    confirmText: 'Zoom からミーティングが削除され、参加リンクは使えなくなります。',
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
  list: { heading: '今後の Zoom ミーティング', none: '予定されている Zoom ミーティングはありません。' },
  notes: {
    moved: (from, to) => `日時を ${from} から ${to} に変更しました。`,
    topicChanged: (from, to) => `トピックを *${from}* から *${to}* に変更しました。`,
    durationChanged: (from, to) => `所要時間を${from}から${to}に変更しました。`,
    agendaChanged: '説明を更新しました。',
    recording: (url, passcode) =>
      `録画の準備ができました: <${url}|録画を見る>${passcode ? `（パスコード ${passcode}）` : ''}`,
    zoomDeauthorized:
      'Zoom でこのアプリとの連携が解除されたため、ボットに保存していたデータを削除しました。また使うには `/zoom connect` を実行してください。',
    recordingNotShared: (topic) =>
      `*${topic}* のクラウド録画ができました。録画を見る人のサインイン必須を設定できなかったため、リンクはここに投稿していません。録画は Zoom で確認してください。`,
  },
  failures: {
    notConnected:
      'Zoom アカウントが連携されていないか、連携が切れています。`/zoom connect` を実行してから、もう一度お試しください。',
    rateLimited: (retryAt) =>
      retryAt
        ? `Zoom の利用上限に達したため、実行できませんでした。${retryAt} 以降にもう一度お試しください。`
        : 'Zoom へのリクエストが一時的に多すぎるため、実行できませんでした。少し待ってからもう一度お試しください。',
    unavailable: 'Zoom が応答していないため、実行できませんでした。数分後にもう一度お試しください。',
    noAnswer:
      'Zoom から時間内に応答がなく、処理されたかどうか分かりません。もう一度試す前に `/zoom list` か Zoom アプリで確認してください。',
    storageUnavailable:
      'ボットのデータストアに接続できないため、実行できませんでした。1分ほど待ってからもう一度お試しください。',
    storageUncertain:
      '保存中にボットのデータストアが応答しなくなったため、このあと実行される可能性があります。もう一度送信する前に、1分ほど待ってチャンネル（または `/zoom list`）を確認してください。',
    rejected: (msg) =>
      `Zoom がミーティングの内容を受け付けなかったため、実行できませんでした（${msg}）。内容を直してもう一度お試しください。`,
    unexpected:
      'ボットで問題が起き、ミーティングが保存されていない可能性があります。Zoom アプリで確認してから、もう一度お試しください。',
    notFound:
      'そのミーティングはあなたの Zoom アカウントにありません（削除済みか、ほかの人のミーティングです）。`/zoom list` で確認してください。',
    notPosted:
      'ミーティングは作成しましたが、そのチャンネルに投稿できませんでした。ボットをチャンネルに招待するか、次のリンクを共有してください:',
  },
  actions: {
    onlyHost: (host, action) =>
      `このミーティングを${action === 'reschedule' ? '変更' : '中止'}できるのは <@${host}> さんだけです。`,
    otherZoomAccount: (topic, email) =>
      `*${topic}* は${email ? ` Zoom アカウント ${email} ` : '別の Zoom アカウント'}のミーティングで、いま連携している Zoom アカウントのものではないため、何も変更していません。そのアカウントで Zoom にサインインして変更するか、\`/zoom connect\` でそのアカウントと連携し直してください。`,
    unknownMeeting:
      'このミーティングの記録がボットに残っていないため、ここからは変更できません。Zoom アプリで操作してください。',
    notScheduled: 'このミーティングはすでに開始・終了・中止されているため、変更できません。',
    cancelled: (topic) => `*${topic}* を中止しました。`,
    alreadyDeleted: (topic) => `*${topic}* は Zoom ですでに削除されていたため、中止として表示します。`,
    rescheduled: (topic, to) => `*${topic}* の開始を ${to} に変更しました。`,
    edited: (topic) => `*${topic}* を Zoom で更新しました。`,
    unchanged: (topic) =>
      `入力内容は *${topic}* の現在の内容と同じため、Zoom に変更を送信していません。変更する項目を編集してください。`,
  },
  minutes,
  instantTopic: 'Zoom ミーティング',
  failuresExtra: {
    commandFailed: 'ボットで問題が起きたため、実行できませんでした。少し待ってからもう一度お試しください。',
    formExpired: 'フォームを開くのが間に合いませんでした。もう一度コマンドを入力してください。',
    recordingAuthNotApplied:
      'ミーティングは予約しましたが、「録画を見るにはサインインが必要」を Zoom が受け付けませんでした。必要なら Zoom で設定してください。',
  },
  afterAnswer: {
    createdNotYetShown:
      'Zoom でミーティングを作成しました。チャンネルへの投稿は準備ができしだい行います。参加用のリンクはこちらです:',
    changeNotShown: (topic, state) =>
      `*${topic}* が変更されました: ${state}\nチャンネルのメッセージを更新できなかったため、お知らせします。メッセージのボタンを押すと最新の状態に更新されます。`,
  },
  assumed: (notes) => {
    const said = notes.map((a) =>
      a.kind === 'afternoon'
        ? `「${a.typed}時」を午後${a.typed}時`
        : a.kind === 'monthFirst'
          ? `「${a.month}/${a.day}」を${a.month}月${a.day}日`
          : `年のない日付を${a.year}年`,
    );
    return `※ ${said.join('、')}と読みました。違う場合は書き直してください。`;
  },
  surfaces: surfacesJa,
  delegation: delegationJa,
};
