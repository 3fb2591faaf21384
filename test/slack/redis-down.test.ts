import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';
import { withRedisStopped } from '../support/redis.js';

// Redis is stopped (SIGSTOP) during each step: connections stay open and nothing answers, the
// worst case for a client. The bot must still answer Slack, say what is wrong, and change nothing.
let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const STORAGE_JA = /データストアに接続できない/;

describe('Redis not answering', () => {
  test('/zoom is acknowledged and the user is told, not asked to connect again', async () => {
    await h.connect({ userId: 'URD1' });
    const opened = h.slack.callsTo('views.open').length;
    await withRedisStopped(h.redis, async () => {
      const res = await h.command('明日15時 定例', {
        userId: 'URD1',
        triggerId: 'T-rd1',
        responseUrl: h.slack.responseUrl('rd1'),
      });
      assert.equal(res.status, 200);
      await h.settle();
    });
    const told = h.slack.responses.filter((r) => r.id === 'rd1').map((r) => JSON.stringify(r.body));
    assert.equal(told.length, 1);
    assert.match(told[0]!, STORAGE_JA);
    assert.doesNotMatch(told[0]!, /connect/);
    assert.equal(h.slack.callsTo('views.open').length, opened);
  });

  test('a submission keeps the modal open with the reason, and nothing reaches Zoom', async () => {
    await h.connect({ userId: 'URD2' });
    h.slack.setUser('URD2', { locale: 'en-US' });
    await h.command('tomorrow 3pm weekly', { userId: 'URD2', triggerId: 'T-rd2' });
    await h.settle();
    const view = h.openedView('T-rd2');
    const creates = h.zoom.stats.creates;
    const body = await withRedisStopped(h.redis, async () => {
      const res = await h.interact(h.submission(view, { topic: 'Weekly' }, { user: { userId: 'URD2' } }));
      assert.equal(res.status, 200);
      return (await res.json()) as { response_action: string; errors: Record<string, string> };
    });
    assert.equal(body.response_action, 'errors');
    assert.match(body.errors.topic ?? '', /cannot reach its storage/);
    await h.settle();
    assert.equal(h.zoom.stats.creates, creates);
  });

  test('a Cancel click gets an answer and deletes nothing', async () => {
    await h.connect({ userId: 'URD3' });
    const record = await h.scheduleMeeting({ user: { userId: 'URD3' }, topic: 'Survives' });
    const deletes = () => h.zoom.requests.filter((r) => r.method === 'DELETE').length;
    const before = deletes();
    await withRedisStopped(h.redis, async () => {
      const res = await h.interact(
        h.buttonClick('cancel_meeting', record.meetingId, {
          user: { userId: 'URD3' },
          responseUrl: h.slack.responseUrl('rd3'),
        }),
      );
      assert.equal(res.status, 200);
      await h.settle();
    });
    const told = h.slack.responses.filter((r) => r.id === 'rd3').map((r) => JSON.stringify(r.body));
    assert.match(told.join('\n'), STORAGE_JA);
    assert.equal(deletes(), before);
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'scheduled');
  });

  test('once Redis is back, /zoom opens the modal again', async () => {
    await h.connect({ userId: 'URD4' });
    await h.command('明日15時 定例', { userId: 'URD4', triggerId: 'T-rd4' });
    await h.settle();
    assert.ok(h.openedView('T-rd4'));
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});

describe('Redis stopping while a submission is stored', () => {
  test('the user is told it may still be carried out, and it is carried out once Redis is back', async () => {
    await h.connect({ userId: 'URD9' });
    h.slack.setUser('URD9', { locale: 'en-US' });
    await h.command('tomorrow 4pm', { userId: 'URD9', triggerId: 'T-rd9' });
    await h.settle();
    const view = h.openedView('T-rd9');
    const creates = h.zoom.stats.creates;
    const server = h.redis.process;
    assert.ok(server, 'this test needs the redis-server it starts');
    // Redis freezes after the duplicate check answered and before the job write answers: the write
    // may have reached Redis, so "not done" would be a guess.
    const enqueue = h.services.jobs.enqueue.bind(h.services.jobs);
    h.services.jobs.enqueue = ((...args: Parameters<typeof enqueue>) => {
      server.kill('SIGSTOP');
      return enqueue(...args);
    }) as typeof enqueue;
    let body: { response_action: string; errors: Record<string, string> };
    try {
      const res = await h.interact(
        h.submission(view, { topic: 'Half stored' }, { user: { userId: 'URD9' } }),
      );
      assert.equal(res.status, 200);
      body = (await res.json()) as typeof body;
    } finally {
      h.services.jobs.enqueue = enqueue;
      server.kill('SIGCONT');
    }
    assert.equal(body.response_action, 'errors');
    assert.match(body.errors.topic ?? '', /may still be carried out/);
    assert.doesNotMatch(body.errors.topic ?? '', /was not done/);
    // The job write reached Redis before it froze: the meeting is made once, and posted.
    await h.settle();
    const deadline = Date.now() + 20_000;
    while (h.zoom.stats.creates === creates && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    assert.equal(h.zoom.stats.creates, creates + 1);
  });
});
