/**
 * A local stand-in for the Slack Web API and for response_urls. It records every call and checks
 * every view and message against the Block Kit schema and Slack's published limits, so a test sees
 * the same refusals a real workspace would give.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { FakeSlackLimits } from './fake-slack-limits.js';
import { lookupByEmail } from './fake-slack-people.js';
import { createScheduledMessages, type ScheduledMessage } from './fake-slack-scheduled.js';
import { surfaceMethods } from './fake-slack-surfaces.js';
import { type Access, DEFAULT_WORKSPACE, FakeWorkspaces } from './fake-slack-workspaces.js';
import { validateMessage, validateView } from './slack-validation.js';
import { validateArguments } from './slack-web-api.js';
import { issuedSecret } from './test-logs.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** The token the call was made with (Authorization header or `token` field). */
  token?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
}

/** Slack's limits on one response_url. */
const RESPONSE_URL_POSTS = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export interface FakeSlack {
  /** Use as SLACK_API_URL (ends with '/'). */
  apiUrl: string;
  /**
   * A response_url on the fake; posts to it are recorded in `responses` under `id`. Like Slack's,
   * its path ends in a random key (the credential part); a path with a key never issued gets 404.
   */
  responseUrl(id?: string): string;
  /** Makes every response_url issued so far `ms` older (past 30 minutes, Slack answers expired_url). */
  ageResponseUrls(ms: number): void;
  calls: SlackCall[];
  callsTo(method: string): Record<string, unknown>[];
  /** Posts received on response_urls. */
  responses: { id: string; body: Record<string, unknown> }[];
  /** Posts Slack refused on a spent (used_url) or old (expired_url) response_url. */
  refusedResponses: { id: string; error: string }[];
  /**
   * users.info answers, by Slack user id. Unknown users get tz Asia/Tokyo and locale ja-JP.
   * `profile.email` is answered only to a token granted users:read.email, as Slack does.
   */
  setUser(userId: string, profile: SlackUserProfile): void;
  /**
   * The scopes a token was granted. A bot token not set here has what the app's manifest.yml asks
   * for (what installing the app grants).
   */
  setTokenScopes(token: string, scopes: string[]): void;
  /**
   * The next `times` calls to `method` fail with this Slack error (e.g. 'not_in_channel') or HTTP
   * status; `method` 'response_url' makes posts to response_urls answer that status.
   */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Views and messages that failed Block Kit schema / Slack limit validation. Tests assert it stays empty. */
  schemaErrors: string[];
  /** Channel messages as they stand now (after chat.update), keyed `channel:ts`. */
  messages: Map<string, PostedMessage>;
  /** Channels the bot is not a member of: chat.postMessage and chat.postEphemeral answer not_in_channel. */
  notInChannel: Set<string>;
  /** Messages waiting to be posted (chat.scheduleMessage), by scheduled_message_id. */
  scheduled: Map<string, ScheduledMessage>;
  /** Home tabs as last published, by user id. */
  homes: Map<string, Record<string, unknown>>;
  /**
   * Starts a workflow step run as Slack does before sending function_executed: the execution
   * can then be completed once, with outputs that match `outputs` (name -> type, `!` = required);
   * `token` is the event's bot_access_token, which acts for the workspace while the step runs.
   */
  startFunctionExecution(executionId: string, outputs: Record<string, string>, token?: string): void;
  /** How each execution ended: outputs (completeSuccess) or the error (completeError). */
  functionResults: Map<string, { outputs: Record<string, unknown> } | { error: string }>;
  /** What apps.connections.open answers (a Socket Mode test's WebSocket server). */
  setSocketUrl(url: string): void;
  /** Workspaces, their ids and tokens, and the OAuth app (client id/secret, redirect URLs). */
  workspaces: FakeWorkspaces;
  /**
   * The browser of a signed-in user of `teamId` opening the consent page at `authorizeUrl` and
   * approving: answers Slack's redirect (Location) back to the app, or throws Slack's error.
   */
  approveInstall(authorizeUrl: string, who: { teamId: string; orgWide?: boolean }): Promise<string>;
  /** With `rateLimits: true`: the calls refused with 429, in order. */
  refusals: FakeSlackLimits['refusals'];
  /** Delay every answer by this many ms (0 = off); with `method`, only that method's answers. */
  setLatency(ms: number, method?: string): void;
  close(): Promise<void>;
}

/** `status: 429` answers as Slack's rate limiter does: `ratelimited` with a Retry-After header (seconds). */
type Failure = { error: string } | { status: number; retryAfter?: number };

export interface SlackUserProfile {
  tz?: string;
  locale?: string;
  name?: string;
  email?: string;
}

const MANIFEST_BOT_SCOPES = (
  parse(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
  }
).oauth_config.scopes.bot;

const JSON_ARGS = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurls', 'outputs']);

/**
 * `validate: false` skips schema checks (benchmarks measure the bot, not the checker);
 * `rateLimits: true` enforces Slack's posting limits (fake-slack-limits.ts) with 429s.
 */
export async function startFakeSlack(
  opts: { validate?: boolean; rateLimits?: boolean } = {},
): Promise<FakeSlack> {
  const validate = opts.validate ?? true;
  const limits = opts.rateLimits ? new FakeSlackLimits() : undefined;
  const calls: SlackCall[] = [];
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const schemaErrors: string[] = [];
  const users = new Map<string, SlackUserProfile>();
  const tokenScopes = new Map<string, string[]>();
  const failures = new Map<string, { failure: Failure; times: number }[]>();
  const messages = new Map<string, PostedMessage>();
  const notInChannel = new Set<string>();
  const scheduledMessages = createScheduledMessages({
    notInChannel,
    validateMessage: (args) => (validate ? validateMessage(args) : []),
    schemaErrors,
  });
  const surfaces = surfaceMethods(validate, schemaErrors);
  const workspaces = new FakeWorkspaces();
  let latencyMs = 0;
  let socketUrl: string | undefined;
  const methodLatency = new Map<string, number>();
  let tsCounter = 0;
  const responseKeys = new Map<string, string>();
  /** Per response_url key: when it was issued and how many posts it took. */
  const refusedResponses: { id: string; error: string }[] = [];
  const responseUse = new Map<string, { issuedAt: number; posts: number }>();
  let viewCounter = 0;

  const nextTs = () => {
    tsCounter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
  };

  const takeFailure = (method: string): Failure | undefined => {
    const queue = failures.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) queue.shift();
    return head.failure;
  };

  /** Slack answers another workspace's channel or user as not found. */
  const foreignId = (method: string, args: Record<string, unknown>, grant: Access & { ok: true }) => {
    const targets: [string, 'channels' | 'users', string][] = [];
    if (typeof args.channel === 'string' && args.channel)
      targets.push([args.channel, 'channels', 'channel_not_found']);
    if (typeof args.user === 'string' && args.user) targets.push([args.user, 'users', 'user_not_found']);
    if (method === 'conversations.open' && typeof args.users === 'string') {
      for (const id of args.users.split(',')) targets.push([id, 'users', 'user_not_found']);
    }
    // A trigger_id works only with a token of the workspace whose user's click or command made it.
    const triggerTeam =
      typeof args.trigger_id === 'string' ? workspaces.triggers.get(args.trigger_id) : undefined;
    const triggerWorkspace = triggerTeam ? workspaces.workspaces.get(triggerTeam) : undefined;
    if (triggerWorkspace && !workspaces.mayActIn(grant.grant, triggerWorkspace)) return 'invalid_trigger_id';
    for (const [id, kind, error] of targets) {
      if (!workspaces.mayActIn(grant.grant, workspaces.ownerOf(id, kind))) return error;
    }
    return undefined;
  };

  const api = (
    method: string,
    args: Record<string, unknown>,
    access: Access & { ok: true },
    token: string,
  ): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return workspaces.authTest(access.grant);
      case 'users.info': {
        const id = String(args.user ?? '');
        const profile = users.get(id) ?? {};
        const user: Record<string, unknown> = {
          id,
          name: profile.name ?? id.toLowerCase(),
          real_name: profile.name ?? id,
          tz: profile.tz ?? 'Asia/Tokyo',
          tz_offset: 0,
        };
        if (String(args.include_locale) === 'true') user.locale = profile.locale ?? 'ja-JP';
        // A token's grant lists its scopes; the default token has what the manifest asks for.
        const granted = access.grant.scopes.length > 0 ? access.grant.scopes : MANIFEST_BOT_SCOPES;
        const scopes = tokenScopes.get(token) ?? granted;
        user.profile = {
          real_name: profile.name ?? id,
          display_name: profile.name ?? id.toLowerCase(),
          ...(profile.email && scopes.includes('users:read.email') ? { email: profile.email } : {}),
        };
        return { ok: true, user };
      }
      case 'users.lookupByEmail': {
        const granted = access.grant.scopes.length > 0 ? access.grant.scopes : MANIFEST_BOT_SCOPES;
        return lookupByEmail(args, tokenScopes.get(token) ?? granted, users, (id) =>
          workspaces.mayActIn(access.grant, workspaces.ownerOf(id, 'users')),
        );
      }
      case 'views.open':
      case 'views.push':
      case 'views.update': {
        if (method !== 'views.update' && !args.trigger_id) return { ok: false, error: 'invalid_arguments' };
        if (method === 'views.update' && !args.view_id && !args.external_id) {
          return { ok: false, error: 'invalid_arguments' };
        }
        const view = args.view as Record<string, unknown> | undefined;
        const errors = validate ? validateView(view) : [];
        if (errors.length > 0) {
          schemaErrors.push(...errors.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
        }
        viewCounter += 1;
        const id =
          method === 'views.update' ? String(args.view_id) : `V${String(viewCounter).padStart(8, '0')}`;
        return { ok: true, view: { ...view, id, hash: `hash-${viewCounter}`, state: { values: {} } } };
      }
      case 'chat.scheduleMessage':
      case 'chat.deleteScheduledMessage':
      case 'chat.scheduledMessages.list':
        return scheduledMessages.handle(method, args) as Record<string, unknown>;
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update': {
        const channel = String(args.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (method !== 'chat.update' && notInChannel.has(channel))
          return { ok: false, error: 'not_in_channel' };
        if (method === 'chat.postEphemeral' && !args.user) return { ok: false, error: 'user_not_found' };
        const errors = validate ? validateMessage(args) : [];
        if (errors.length > 0) {
          schemaErrors.push(...errors.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'invalid_blocks', response_metadata: { messages: errors } };
        }
        if (method === 'chat.postEphemeral') return { ok: true, message_ts: nextTs() };
        if (method === 'chat.update') {
          const key = `${channel}:${String(args.ts)}`;
          const existing = messages.get(key);
          if (!existing) return { ok: false, error: 'message_not_found' };
          messages.set(key, { ...existing, text: args.text as string, blocks: args.blocks as unknown[] });
          return { ok: true, channel, ts: args.ts };
        }
        const ts = nextTs();
        const message: PostedMessage = {
          channel,
          ts,
          text: args.text as string | undefined,
          blocks: args.blocks as unknown[] | undefined,
          thread_ts: args.thread_ts as string | undefined,
        };
        messages.set(`${channel}:${ts}`, message);
        return { ok: true, channel, ts, message };
      }
      case 'views.publish':
      case 'chat.unfurl':
      case 'functions.completeSuccess':
      case 'functions.completeError':
        return surfaces.api(method, args);
      case 'chat.delete':
        messages.delete(`${String(args.channel)}:${String(args.ts)}`);
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'apps.connections.open':
        return socketUrl ? { ok: true, url: socketUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'conversations.open': {
        const target = String(args.users ?? '').split(',')[0] ?? '';
        const id = `D${target.replace(/^U/, '')}`;
        workspaces.ownerOf(target, 'users').channels.add(id);
        return { ok: true, channel: { id } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await readBody(req);
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const replyText = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    };
    const failWith = (failure: Extract<Failure, { status: number }>) =>
      failure.status === 429
        ? reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter ?? 1) })
        : reply(failure.status, { ok: false, error: 'fatal_error' });
    if (url.pathname.startsWith('/response/')) {
      const [rawId = '', key = ''] = url.pathname.slice('/response/'.length).split('/');
      const id = decodeURIComponent(rawId);
      if (responseKeys.get(key) !== id) return reply(404, { ok: false, error: 'invalid_response_url' });
      // Slack takes up to 5 posts on a response_url within 30 minutes of its issue
      // (https://api.slack.com/interactivity/handling#message_responses), then refuses with
      // `used_url` / `expired_url` (a 404 with the code as plain text, as its incoming webhooks do).
      const use = responseUse.get(key) ?? { issuedAt: Date.now(), posts: 0 };
      responseUse.set(key, use);
      if (Date.now() - use.issuedAt > RESPONSE_URL_LIFETIME_MS) {
        refusedResponses.push({ id, error: 'expired_url' });
        return replyText(404, 'expired_url');
      }
      if (use.posts >= RESPONSE_URL_POSTS) {
        refusedResponses.push({ id, error: 'used_url' });
        return replyText(404, 'used_url');
      }
      use.posts += 1;
      const failure = takeFailure('response_url');
      if (failure && 'status' in failure) return reply(failure.status, { ok: false, error: 'fatal_error' });
      const body = parseBody(raw, req.headers['content-type']);
      responses.push({ id, body });
      const errors = validate ? validateMessage(body) : [];
      if (errors.length > 0) {
        schemaErrors.push(...errors.map((e) => `response_url: ${e}`));
        return reply(400, { ok: false, error: 'invalid_blocks' });
      }
      return reply(200, { ok: true });
    }
    if (url.pathname === '/oauth/v2/authorize' && req.method === 'GET') {
      const who = {
        teamId: String(req.headers['x-fake-session-team'] ?? ''),
        orgWide: req.headers['x-fake-org-wide'] === 'true',
      };
      const answer = workspaces.consent(url.searchParams, who);
      if ('location' in answer) return res.writeHead(302, { location: answer.location }).end();
      return reply(answer.status, { ok: false, error: answer.error });
    }
    if (!url.pathname.startsWith('/api/')) return reply(404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const slow = methodLatency.get(method) ?? 0;
    if (slow > 0) await new Promise((r) => setTimeout(r, slow));
    const args = parseBody(raw, req.headers['content-type']);
    for (const [key, value] of url.searchParams) args[key] = value;
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof args.token === 'string'
        ? args.token
        : undefined;
    calls.push({ method, args, ...(token ? { token } : {}) });
    if (method === 'oauth.v2.access') return reply(200, workspaces.exchange(args, auth));
    const appLevel = method.startsWith('apps.connections.') && auth.startsWith('Bearer xapp-');
    const access: Access = appLevel
      ? { ok: true, grant: { teamId: 'T0001', scopes: [], revoked: false } }
      : workspaces.access(auth, args.token);
    if (!access.ok) return reply(200, { ok: false, error: access.error });
    const foreign = foreignId(method, args, access);
    if (foreign) return reply(200, { ok: false, error: foreign });
    const retryAfter = limits?.check(
      method,
      access.grant.teamId ?? '',
      String(args.channel ?? ''),
      calls.at(-1),
    );
    if (retryAfter !== undefined) {
      return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
    }
    const failure = takeFailure(method);
    if (failure && 'status' in failure) return failWith(failure);
    if (failure) return reply(200, { ok: false, error: failure.error });
    const argumentErrors = validate ? validateArguments(method, args) : [];
    if (argumentErrors.length > 0) {
      schemaErrors.push(...argumentErrors);
      return reply(200, {
        ok: false,
        error: 'invalid_arguments',
        response_metadata: { messages: argumentErrors },
      });
    }
    return reply(200, api(method, args, access, token ?? ''));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      res.writeHead(500).end(String(err.message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${base}/api/`,
    ageResponseUrls: (ms) => {
      for (const use of responseUse.values()) use.issuedAt -= ms;
    },
    responseUrl: (id = randomBytes(6).toString('hex')) => {
      const key = randomBytes(18).toString('base64url');
      responseKeys.set(key, id);
      responseUse.set(key, { issuedAt: Date.now(), posts: 0 });
      issuedSecret(key);
      return `${base}/response/${encodeURIComponent(id)}/${key}`;
    },
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    responses,
    refusedResponses,
    refusals: limits?.refusals ?? [],
    setUser: (userId, profile) => {
      users.set(userId, profile);
    },
    setTokenScopes: (token, scopes) => {
      tokenScopes.set(token, scopes);
    },
    failNext: (method, failure, times = 1) => {
      const queue = failures.get(method) ?? [];
      queue.push({ failure, times });
      failures.set(method, queue);
    },
    schemaErrors,
    messages,
    notInChannel,
    scheduled: scheduledMessages.scheduled,
    homes: surfaces.homes,
    startFunctionExecution: (executionId, outputs, token) => {
      surfaces.startFunctionExecution(executionId, outputs);
      if (token) workspaces.grantWorkflowToken(token, DEFAULT_WORKSPACE);
    },
    functionResults: surfaces.functionResults,
    workspaces,
    async approveInstall(authorizeUrl, who) {
      const target = new URL(authorizeUrl);
      if (target.origin !== base) throw new Error(`the install link leads to ${target.origin}, not to Slack`);
      const answer = await fetch(target, {
        redirect: 'manual',
        headers: {
          'x-fake-session-team': who.teamId,
          ...(who.orgWide ? { 'x-fake-org-wide': 'true' } : {}),
        },
      });
      const location = answer.headers.get('location');
      if (answer.status !== 302 || !location) throw new Error(`consent refused: ${await answer.text()}`);
      return location;
    },
    setSocketUrl: (url) => {
      socketUrl = url;
    },
    setLatency: (ms, method) => {
      if (method) methodLatency.set(method, ms);
      else latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The Web API takes form bodies (nested values as JSON strings) or JSON bodies. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_ARGS.has(key)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // Slack refuses malformed JSON; keep the raw string so validation reports it.
      }
    }
    out[key] = value;
  }
  return out;
}
