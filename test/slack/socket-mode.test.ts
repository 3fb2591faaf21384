/**
 * Socket Mode: with SLACK_APP_TOKEN the bot connects over a WebSocket (here a minimal local server
 * speaking Slack's envelope protocol), acks commands through it, and still serves the custom routes
 * on PORT.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { type Bot, createBot } from '../../src/app.js';
import { type AppServices, closeServices, createServices } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';

/** One server-to-client text frame (unmasked). */
function frame(text: string, opcode = 0x1): Buffer {
  const payload = Buffer.from(text);
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

/** Reads masked client frames; calls back with each text message; answers pings and closes. */
function readFrames(socket: Socket, onText: (text: string) => void): void {
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    while (buffer.length >= 2) {
      const opcode = (buffer[0] as number) & 0x0f;
      let length = (buffer[1] as number) & 0x7f;
      let offset = 2;
      if (length === 126) {
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      if (buffer.length < offset + 4 + length) return;
      const mask = buffer.subarray(offset, offset + 4);
      const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
      for (let i = 0; i < payload.length; i += 1)
        payload[i] = (payload[i] as number) ^ (mask[i % 4] as number);
      buffer = buffer.subarray(offset + 4 + length);
      if (opcode === 0x1) onText(payload.toString('utf8'));
      else if (opcode === 0x9) socket.write(frame(payload.toString(), 0xa));
      else if (opcode === 0x8) socket.end(frame('', 0x8));
    }
  });
}

let redis: TestRedis;
let slack: FakeSlack;
let socketServer: Server;
let services: AppServices;
let bot: Bot;
let port: number;
let client: Socket | undefined;
const fromBot: Record<string, unknown>[] = [];

before(async () => {
  [redis, slack] = await Promise.all([startRedis(), startFakeSlack()]);
  socketServer = createServer((_req, res) => res.writeHead(404).end());
  socketServer.on('upgrade', (req, socket: Socket) => {
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    client = socket;
    readFrames(socket, (text) => fromBot.push(JSON.parse(text) as Record<string, unknown>));
    socket.on('error', () => undefined);
    socket.write(
      frame(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0001' } })),
    );
  });
  await new Promise<void>((resolve) => socketServer.listen(0, '127.0.0.1', resolve));
  slack.setSocketUrl(`ws://127.0.0.1:${(socketServer.address() as AddressInfo).port}/link`);

  port = await freePort();
  const config = loadConfig({
    SLACK_SIGNING_SECRET: 'unused-in-socket-mode',
    SLACK_BOT_TOKEN: 'xoxb-socket',
    SLACK_APP_TOKEN: 'xapp-socket-test',
    SLACK_API_URL: slack.apiUrl,
    ZOOM_CLIENT_ID: 'id',
    ZOOM_CLIENT_SECRET: 'secret',
    ZOOM_REDIRECT_URL: 'http://127.0.0.1/zoom/oauth/callback',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix(),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'error',
  });
  services = createServices(
    config,
    createLogger('error', () => {}),
  );
  bot = createBot(services, { port });
  await bot.start();
});

after(async () => {
  await bot.stop().catch(() => undefined);
  client?.destroy();
  await new Promise<void>((resolve) => socketServer.close(() => resolve()));
  await closeServices(services);
  await slack.close();
  await redis.stop();
});

test('the custom routes are served on PORT, and there is no HTTP events endpoint', async () => {
  assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
  assert.equal(
    (await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '' })).status,
    404,
  );
});

test('a slash command arriving over the socket is acknowledged there and answered', async () => {
  slack.setUser('USOCK', { locale: 'en-US' });
  const envelope = {
    envelope_id: 'env-1',
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: {
      team_id: 'T0001',
      team_domain: 'example',
      channel_id: 'C0001',
      channel_name: 'general',
      user_id: 'USOCK',
      user_name: 'usock',
      command: '/zoom',
      text: 'help',
      api_app_id: 'A0001',
      response_url: slack.responseUrl('socket-help'),
      trigger_id: 'socket-trigger',
    },
  };
  client?.write(frame(JSON.stringify(envelope)));
  for (let i = 0; i < 100 && !slack.responses.some((r) => r.id === 'socket-help'); i += 1) {
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(fromBot.some((m) => m.envelope_id === 'env-1'));
  const answer = slack.responses.find((r) => r.id === 'socket-help');
  assert.equal(answer?.body.response_type, 'ephemeral');
  assert.match(JSON.stringify(answer?.body), /Schedule Zoom meetings from Slack/);
});

test('Socket Mode with Slack OAuth installs: the install routes are served on PORT and store the workspace', async () => {
  const installPort = await freePort();
  slack.workspaces.add({ teamId: 'TSOCK01' });
  slack.workspaces.app.redirectUrls.push(`http://127.0.0.1:${installPort}/slack/oauth_redirect`);
  const config = loadConfig({
    SLACK_SIGNING_SECRET: 'unused-in-socket-mode',
    SLACK_CLIENT_ID: slack.workspaces.app.clientId,
    SLACK_CLIENT_SECRET: slack.workspaces.app.clientSecret,
    SLACK_STATE_SECRET: randomBytes(24).toString('base64url'),
    SLACK_APP_TOKEN: 'xapp-socket-test',
    SLACK_API_URL: slack.apiUrl,
    ZOOM_CLIENT_ID: 'id',
    ZOOM_CLIENT_SECRET: 'secret',
    ZOOM_REDIRECT_URL: 'http://127.0.0.1/zoom/oauth/callback',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix(),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'error',
  });
  const installing = createServices(
    config,
    createLogger('error', () => {}),
  );
  const installBot = createBot(installing, { port: installPort });
  await installBot.start();
  try {
    const start = await fetch(`http://127.0.0.1:${installPort}/slack/install`, { redirect: 'manual' });
    assert.equal(start.status, 302);
    const back = await slack.approveInstall(start.headers.get('location') ?? '', { teamId: 'TSOCK01' });
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const page = await fetch(back, { headers: { cookie } });
    assert.equal(page.status, 200);
    const client = await installing.slackClients.forTeam({ teamId: 'TSOCK01' });
    assert.equal((await client.auth.test()).team_id, 'TSOCK01');
  } finally {
    await installBot.stop().catch(() => undefined);
    await closeServices(installing);
  }
});
