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
});
