import assert from 'node:assert/strict';
import { test } from 'node:test';
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
    /not answering right now, so nothing was changed/,
    /Zoom が応答しない/,
  ],
  ['not connected', new ZoomNotConnectedError('gone'), /Run `\/zoom connect`/, /\/zoom connect/],
  ['not found', new ZoomNotFoundError('404'), /no such meeting/, /その会議はありません/],
  [
    'rate limit',
    new ZoomRateLimitError('daily limit <!channel>'),
    /daily limit &lt;!channel&gt;/,
    /daily limit/,
  ],
  ['redis down', new Error('Command timed out'), /cannot reach its storage/, /データストア/],
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
