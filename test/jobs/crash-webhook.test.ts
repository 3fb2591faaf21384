/**
 * A bot process killed (SIGKILL) 20 ms after answering a `meeting.deleted` webhook, while the fake
 * Slack holds every chat.update for 2 s: the event was stored before the answer, so the next
 * process applies it and the channel message shows cancelled. Real processes, a real redis-server.
 * The delay sits in a small proxy in front of the fake Slack that forwards a held chat.update only
 * while its sender is still connected: an update the dead process had sent never lands, so only
 * the next process can make the message show cancelled.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { botEnv, type Harness, startHarness } from '../support/app-harness.js';
import { runBot } from '../support/bot-process.js';
import { freePort } from '../support/redis.js';
import { zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'crash-zoom-webhook-secret';
const HOLD_UPDATE_MS = 2000;

/** Forwards to `target`, holding each chat.update first; a request whose sender went away is dropped. */
async function delayingProxy(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.url?.endsWith('/chat.update')) {
      await new Promise((r) => setTimeout(r, HOLD_UPDATE_MS));
      if (res.destroyed || req.socket.destroyed) return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
    ) as Record<string, string>;
    const answer = await fetch(new URL(req.url ?? '/', target), {
      method: req.method ?? 'POST',
      headers,
      ...(req.method === 'GET' ? {} : { body: Buffer.concat(chunks) }),
    });
    const hopByHop = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding'];
    const back = [...answer.headers].filter(([k]) => !hopByHop.includes(k));
    res.writeHead(answer.status, Object.fromEntries(back)).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `${target.replace(/\/\/[^/]+/, `//127.0.0.1:${port}`)}`, server };
}
let h: Harness;

before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  h.slack.setUser('U0001', { locale: 'en-US', tz: 'Asia/Tokyo', name: 'alice' });
  await h.connect({ userId: 'U0001' });
});
after(() => h.stop());

test('killed 20 ms after answering meeting.deleted: the next process shows the message cancelled within 20 s', async () => {
  const meeting = await h.scheduleMeeting({ topic: 'Killed mid-cancel' });
  await h.settle();
  // Only the bot processes below take jobs from here on.
  await h.services.jobs.close();
  const proxy = await delayingProxy(h.slack.apiUrl);
  const env = {
    ...botEnv(h.redis, h.zoom, h.slack),
    SLACK_API_URL: proxy.url,
    REDIS_KEY_PREFIX: h.config.redis.keyPrefix,
    ZOOM_WEBHOOK_SECRET_TOKEN: SECRET,
  };
  const lastShown = () =>
    JSON.stringify(
      h.slack
        .callsTo('chat.update')
        .filter((a) => a.channel === meeting.channelId && a.ts === meeting.messageTs)
        .at(-1)?.blocks ?? [],
    );

  const firstPort = await freePort();
  const first = runBot({ ...env, PORT: String(firstPort) });
  const startNext = runBot.bind(null, { ...env, PORT: String(await freePort()) });
  let next: ReturnType<typeof runBot> | undefined;
  try {
    await first.waitFor(/listening on port/);
    const answer = await zoomWebhookSender(`http://127.0.0.1:${firstPort}`, SECRET).send(
      zoomEvents.deleted(meeting.meetingId),
    );
    assert.equal(answer.status, 200);
    await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await first.exited;

    next = startNext();
    await next.waitFor(/listening on port/);
    const upAt = Date.now();
    for (;;) {
      const record = await h.services.meetings.get(meeting.meetingId);
      if (record?.status === 'cancelled' && /Cancelled/.test(lastShown())) break;
      assert.ok(Date.now() - upAt < 20_000, `not shown cancelled 20 s after the restart: ${lastShown()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.doesNotMatch(
      lastShown(),
      /"action_id":"cancel_meeting"/,
      'no Cancel button on a cancelled meeting',
    );
    assert.deepEqual(h.slack.schemaErrors, []);
  } finally {
    first.child.kill('SIGKILL');
    if (next) {
      next.child.kill('SIGTERM');
      await next.exited;
    }
    proxy.server.closeAllConnections();
    await new Promise((r) => proxy.server.close(r));
  }
});
