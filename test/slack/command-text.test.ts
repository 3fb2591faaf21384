import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readCommandText } from '../../src/slack/commands/command-text.js';

describe('the /zoom text as Slack escapes it', () => {
  test('user mentions become invitees, each once, and leave the text', () => {
    assert.deepEqual(readCommandText('明日15時 定例 <@U0ALICE|alice> <@U0BOB> <@U0ALICE|alice>'), {
      text: '明日15時 定例',
      mentioned: ['U0ALICE', 'U0BOB'],
    });
  });

  test('escaped characters, channels and links read as typed', () => {
    assert.deepEqual(readCommandText('R&amp;D &lt;draft&gt; <#C0001|general> <https://example.com|spec>'), {
      text: 'R&D <draft> #general spec',
      mentioned: [],
    });
  });

  test('text without mentions is unchanged', () => {
    assert.deepEqual(readCommandText('next Tue 10:30 design review for 45 min'), {
      text: 'next Tue 10:30 design review for 45 min',
      mentioned: [],
    });
  });

  test('the host the meeting is for leaves the text and is no invitee', () => {
    const cases: [string, string][] = [
      ['明日15時 定例 for <@UALICE|alice>', '明日15時 定例'],
      ['<@UALICE|alice>さんの代わりに 明日15時 定例', '明日15時 定例'],
      ['明日15時 <@UALICE> の代理で 定例', '明日15時 定例'],
      ['tomorrow 3pm sync on behalf of <@UALICE>', 'tomorrow 3pm sync'],
    ];
    for (const [raw, text] of cases) {
      assert.deepEqual(
        readCommandText(`${raw} <@UBOB|bob>`),
        { text, mentioned: ['UBOB'], hostMention: 'UALICE' },
        raw,
      );
    }
    // "for" before a length, or a mention not after "for", is no host.
    assert.deepEqual(readCommandText('review <@UBOB> for 45 min'), {
      text: 'review for 45 min',
      mentioned: ['UBOB'],
    });
  });
});
