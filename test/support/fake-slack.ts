/**
 * A local stand-in for the Slack Web API and for response_urls. It records every call and checks
 * every view and message against the Block Kit schema and Slack's published limits, so a test sees
 * the same refusals a real workspace would give.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBody, readBody } from './fake-slack-http.js';
import { FakeSlackLimits } from './fake-slack-limits.js';
import { ChannelMembers } from './fake-slack-members.js';
import { createWebMethods } from './fake-slack-methods.js';
import { createResponseUrls } from './fake-slack-response-urls.js';
import { createScheduledMessages } from './fake-slack-scheduled.js';
import { surfaceMethods } from './fake-slack-surfaces.js';
import type { Failure, FakeSlack, PostedMessage, SlackCall, SlackUserProfile } from './fake-slack-types.js';
import { type Access, DEFAULT_WORKSPACE, FakeWorkspaces } from './fake-slack-workspaces.js';
import { validateMessage } from './slack-validation.js';
import { validateArguments } from './slack-web-api.js';

export type { FakeSlack, PostedMessage, SlackCall, SlackUserProfile } from './fake-slack-types.js';

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
  const schemaErrors: string[] = [];
  const users = new Map<string, SlackUserProfile>();
  const tokenScopes = new Map<string, string[]>();
  const failures = new Map<string, { failure: Failure; times: number }[]>();
  const messages = new Map<string, PostedMessage>();
  const notInChannel = new Set<string>();
  const members = new ChannelMembers();
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
  const responseUrls = createResponseUrls({ validate, schemaErrors, takeFailure: (m) => takeFailure(m) });
  const { api, foreignId } = createWebMethods({
    validate,
    schemaErrors,
    users,
    tokenScopes,
    messages,
    notInChannel,
    members,
    scheduledMessages,
    surfaces,
    workspaces,
    socketUrl: () => socketUrl,
  });

  const takeFailure = (method: string): Failure | undefined => {
    const queue = failures.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.times -= 1;
    if (head.times <= 0) queue.shift();
    return head.failure;
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
      const answer = responseUrls.post(
        url.pathname.slice('/response/'.length),
        raw,
        req.headers['content-type'],
      );
      return 'text' in answer ? replyText(answer.status, answer.text) : reply(answer.status, answer.json);
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
    ageResponseUrls: responseUrls.age,
    responseUrl: (id) => responseUrls.issue(base, id),
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
    responses: responseUrls.responses,
    refusedResponses: responseUrls.refusedResponses,
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
    members,
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
