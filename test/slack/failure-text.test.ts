import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { failureText } from '../../src/slack/blocks/notices.js';
import {
  ZoomNoAnswerError,
  ZoomNotConnectedError,
  ZoomNotFoundError,
  ZoomRateLimitError,
  ZoomUnavailableError,
  ZoomValidationError,
} from '../../src/zoom/errors.js';

const cases: [string, Error, RegExp, RegExp][] = [
  [
    'no answer',
    new ZoomNoAnswerError('timeout'),
    /cannot tell whether it was done.*\/zoom list/,
    /処理されたかどうか分かりません/,
  ],
  [
    'unavailable',
    new ZoomUnavailableError('503'),
    /^Zoom is not answering right now, so this was not done\. Try again in a few minutes\.$/,
    /^Zoom が応答していないため、実行できませんでした。数分後にもう一度お試しください。$/,
  ],
  ['not connected', new ZoomNotConnectedError('gone'), /Run `\/zoom connect`/, /\/zoom connect/],
  [
    'not found',
    new ZoomNotFoundError('404'),
    /no such meeting/,
    /そのミーティングはあなたの Zoom アカウントにありません/,
  ],
  [
    'redis down',
    new Error('Command timed out'),
    /cannot reach its storage right now, so this was not done/,
    /ボットのデータストアに接続できないため、実行できませんでした/,
  ],
  [
    'validation',
    new ZoomValidationError('bad', [{ field: 'topic', message: 'too long' }]),
    /topic: too long/,
    /topic: too long/,
  ],
];

for (const [name, err, en, ja] of cases) {
  test(`${name}: a message in each language that says what happened`, () => {
    assert.match(failureText('en', err), en);
    assert.match(failureText('ja', err), ja);
  });
}

test('a create with no answer is never reported as "nothing was changed"', () => {
  assert.doesNotMatch(failureText('en', new ZoomNoAnswerError('timeout')), /nothing was changed/);
  assert.doesNotMatch(failureText('ja', new ZoomNoAnswerError('timeout')), /何も変更していません/);
});

test('no failure text is the defensive "nothing was changed", and the English bot never says "I" or "our side"', () => {
  const errors = [
    new ZoomUnavailableError('503'),
    new ZoomNotFoundError('404'),
    new ZoomRateLimitError('x'),
    new ZoomValidationError('bad'),
    new Error('Command timed out'),
    new Error('anything else'),
  ];
  for (const err of errors) {
    assert.doesNotMatch(failureText('ja', err), /何も(変更|し)ていません/);
    assert.doesNotMatch(failureText('en', err), /[Nn]othing was (changed|done)|\bI\b|our side/);
  }
});

describe("rate limit: in the reader's language, reset time in their own zone", () => {
  const now = new Date('2026-12-01T13:30:00Z');
  const zoomText =
    'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user.';

  test("a daily limit: Zoom's English is not shown; the next 00:00 UTC as a <!date> each reader sees locally", () => {
    const midnight = Date.parse('2026-12-02T00:00:00Z') / 1000;
    for (const locale of ['ja', 'en'] as const) {
      const text = failureText(locale, new ZoomRateLimitError(zoomText), now);
      assert.ok(!text.includes('exceeded'), text);
      assert.ok(!text.includes('UTC'), text);
      assert.match(text, new RegExp(`<!date\\^${midnight}\\^\\{date_short_pretty\\} \\{time\\}\\|[^>]+>`));
    }
    assert.match(
      failureText('ja', new ZoomRateLimitError(zoomText), now),
      /^Zoom の利用上限に達したため、実行できませんでした。<!date.*> 以降にもう一度お試しください。$/,
    );
    assert.match(
      failureText('en', new ZoomRateLimitError(zoomText), now),
      /^Zoom's request limit is reached, so this was not done\. Try again after <!date.*>\.$/,
    );
  });

  test('Retry-After given: the time it names', () => {
    const text = failureText('en', new ZoomRateLimitError('Too many requests', 90), now);
    assert.match(text, new RegExp(`<!date\\^${Date.parse('2026-12-01T13:31:30Z') / 1000}\\^`));
  });

  test('a per-second limit: try again in a moment, no time', () => {
    assert.equal(
      failureText('ja', new ZoomRateLimitError('Too many requests'), now),
      'Zoom へのリクエストが一時的に多すぎるため、実行できませんでした。少し待ってからもう一度お試しください。',
    );
    assert.match(
      failureText('en', new ZoomRateLimitError('Too many requests'), now),
      /Try again in a moment\.$/,
    );
  });
});
