// What the scheduling form offers and refuses, read as the user sees it: 録画の閲覧 only with a cloud
// recording, and no posting into someone else's DM.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await h.connect({ userId: 'UCHOICE' });
  h.slack.setUser('UCHOICE', { tz: 'Asia/Tokyo', locale: 'ja-JP' });
});
after(() => h.stop());

type Block = { block_id?: string; label?: { text?: string }; dispatch_action?: boolean };
const blocksOf = (view: Record<string, unknown>) => view.blocks as Block[];
const labels = (view: Record<string, unknown>) => blocksOf(view).map((b) => b.label?.text ?? '');

async function openForm(triggerId: string, channelId = 'C0001'): Promise<Record<string, unknown>> {
  await h.command('', { userId: 'UCHOICE', triggerId, channelId });
  await h.settle();
  return h.openedView(triggerId);
}

describe('録画の閲覧 (viewers sign in)', () => {
  test('not offered with 録画しない; offered once クラウドに録画 is picked; gone again with 録画しない', async () => {
    const opened = await openForm('T-rec');
    assert.ok(labels(opened).includes('録画'));
    assert.ok(!labels(opened).includes('録画の閲覧'), 'not offered before a cloud recording is chosen');
    assert.equal(blocksOf(opened).find((b) => b.block_id === 'recording')?.dispatch_action, true);

    const cloud = await h.chooseRecording(opened, 'cloud', { user: { userId: 'UCHOICE' } });
    const order = labels(cloud);
    assert.equal(order[order.indexOf('録画') + 1], '録画の閲覧', 'offered right under the recording choice');

    const none = await h.chooseRecording(cloud, 'none', { user: { userId: 'UCHOICE' } });
    assert.ok(!labels(none).includes('録画の閲覧'));
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('a tick left over from a cloud choice counts for nothing with 録画しない', async () => {
    const opened = await openForm('T-rec-stale');
    const cloud = await h.chooseRecording(opened, 'cloud', { user: { userId: 'UCHOICE' } });
    const before = new Set(h.zoom.meetings.keys());
    // Slack keeps the state of a block that was shown; the submission still carries the tick.
    const res = await h.interact(
      h.submission(
        cloud,
        { topic: '録画なし', when: '明日 15:00', recording: 'none', recordingAuthentication: true },
        { user: { userId: 'UCHOICE' } },
      ),
    );
    assert.equal(res.status, 200);
    await h.settle();
    const created = [...h.zoom.meetings.entries()].filter(([id]) => !before.has(id)).map(([, m]) => m);
    assert.equal(created.length, 1);
    assert.notEqual(created[0]?.settings?.auto_recording, 'cloud');
    assert.equal(created[0]?.recordingSettings, undefined, 'no viewer sign-in was set');
    assert.equal(h.zoom.requests.filter((r) => /recordings\/settings/.test(r.path)).length, 0);
  });
});

describe('投稿先 (post in)', () => {
  test("someone else's DM is refused in the form, with the reason, and nothing reaches Zoom", async () => {
    const view = await openForm('T-dm');
    const before = h.zoom.meetings.size;
    const res = await h.interact(
      h.submission(
        view,
        { topic: '相談', when: '明日 15:00', channelId: 'DOTHER01' },
        { user: { userId: 'UCHOICE' } },
      ),
    );
    const body = (await res.json()) as { response_action?: string; errors?: Record<string, string> };
    assert.equal(body.response_action, 'errors');
    assert.equal(
      body.errors?.channel,
      'ほかの人との DM にはボットが投稿できません。チャンネルか、/zoom を入力した会話を選んでください。',
    );
    await h.settle();
    assert.equal(h.zoom.meetings.size, before);
  });

  test('the DM where /zoom was typed stays a valid choice', async () => {
    const view = await openForm('T-own-dm', 'DOWN0001');
    const res = await h.interact(
      h.submission(
        view,
        { topic: '自分の DM', when: '明日 16:00', channelId: 'DOWN0001' },
        { user: { userId: 'UCHOICE' } },
      ),
    );
    const text = await res.text();
    assert.ok(!text.includes('"errors"'), text);
  });
});

describe('the 日時 preview', () => {
  test('Japanese: start–end and 「日本時間」, never the raw zone id', async () => {
    await h.command('明日 10:00 朝会 45分', { userId: 'UCHOICE', triggerId: 'T-prev-ja' });
    await h.settle();
    const blocks = h.openedView('T-prev-ja').blocks as {
      block_id?: string;
      elements?: { text?: string }[];
    }[];
    const preview = blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text ?? '';
    assert.match(preview, /^→ \d+月\d+日\(.\) 10:00〜10:45（日本時間）、所要時間 45分$/);
    assert.ok(!preview.includes('Asia/Tokyo'));
  });

  test('English: a 12-hour start–end and the zone as people say it', async () => {
    await h.connect({ userId: 'UPREVEN' });
    h.slack.setUser('UPREVEN', { tz: 'America/New_York', locale: 'en-US' });
    await h.command('tomorrow 1:30pm design review for 90 min', {
      userId: 'UPREVEN',
      triggerId: 'T-prev-en',
    });
    await h.settle();
    const blocks = h.openedView('T-prev-en').blocks as {
      block_id?: string;
      elements?: { text?: string }[];
    }[];
    const preview = blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text ?? '';
    assert.match(preview, /^→ \w{3}, \w{3} \d+, 1:30 PM – 3:00 PM \(Eastern time\), 1 h 30 min$/);
    assert.ok(!preview.includes('America/New_York') && !preview.includes('13:30'));
  });
});
