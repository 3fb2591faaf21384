/**
 * A local fake of Zoom (OAuth + the REST endpoints the bot uses) on 127.0.0.1, for tests and
 * benchmarks. It checks what the bot sends the way Zoom does (Basic auth, PKCE, redirect_uri,
 * refresh-token rotation, Zoom's published request schemas with unknown fields refused) and can
 * inject failures, latency and dead tokens.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeZoomApi } from './fake-zoom-api.js';
import { type FakeAnswer, type FakeRequest, FakeZoomOAuth } from './fake-zoom-oauth.js';
import { ZoomRequestSchemas } from './fake-zoom-schema.js';
import {
  type FakeMeeting,
  FakeZoomState,
  type FakeZoomUser,
  type IssuedTokens,
  type UserSettings,
} from './fake-zoom-state.js';
import { issuedSecret } from './test-logs.js';

export type { FakeZoomUser } from './fake-zoom-state.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeAnswerOverride {
  status: number;
  /** An object is sent as JSON; a string is sent as is (text/html), to imitate a proxy's error page. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeZoom {
  /** Use as ZOOM_OAUTH_URL (serves /oauth/authorize, /oauth/token, /oauth/revoke). */
  oauthUrl: string;
  /** Use as ZOOM_API_URL (ends in /v2). */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  addUser(user: FakeZoomUser): void;
  /** This user's Zoom settings (GET /users/me/settings), over a new account's defaults. */
  setUserSettings(zoomUserId: string, settings: Partial<UserSettings>): void;
  /** A token pair as if the user had just completed OAuth (for tests that start connected). */
  issueTokens(zoomUserId: string, opts?: { expiresInSeconds?: number }): IssuedTokens;
  /** Meetings by id (string), with the Zoom user id that hosts them. Tests may read and edit them. */
  meetings: Map<string, FakeMeeting>;
  /** Every request received, in order (tests assert on these). */
  requests: RecordedRequest[];
  stats: { codeGrants: number; refreshGrants: number; revokes: number; creates: number };
  /** The next `times` (default 1) requests matching method + path get this answer instead (optional delay first). */
  failNext(match: { method?: string; path: RegExp }, answer: FakeAnswerOverride, times?: number): void;
  /** Drops every failure queued by failNext that has not been used yet. */
  clearFailures(): void;
  /**
   * Delay every answer by this many ms (0 = off). The request is processed first and only the
   * answer is late, so a client that gives up has still changed Zoom's state (a lost response).
   */
  setLatency(ms: number): void;
  /** Access tokens of this user stop working now (API answers 401 code 124); refresh still works. */
  expireAccessTokens(zoomUserId: string): void;
  /** All tokens of this user die (as when the user removes the app in Zoom): refresh -> invalid_grant. */
  revokeAll(zoomUserId: string): void;
  /** How many tokens of this user Zoom would still accept (live refresh tokens and unexpired access tokens). */
  liveTokens(zoomUserId: string): number;
  /**
   * `host` gives `scheduler` Zoom's scheduling privilege (Zoom: Settings › Meeting › Other › Scheduling
   * privilege): the scheduler may then create (`POST /users/{host}/meetings`) and manage the host's meetings.
   */
  grantSchedulingPrivilege(grant: { host: string; scheduler: string }): void;
  revokeSchedulingPrivilege(grant: { host: string; scheduler: string }): void;
  /** Requests refused because they did not match Zoom's published schema (also answered 400 code 300). */
  schemaErrors: string[];
  close(): Promise<void>;
}

interface PendingFailure {
  method?: string;
  path: RegExp;
  answer: FakeAnswerOverride;
  remaining: number;
}

export async function startFakeZoom(
  opts: { clientId?: string; clientSecret?: string; accessTokenTtlSeconds?: number } = {},
): Promise<FakeZoom> {
  const clientId = opts.clientId ?? 'fake-client-id';
  const clientSecret = opts.clientSecret ?? 'fake-client-secret';
  const state = new FakeZoomState(opts.accessTokenTtlSeconds ?? 3600);
  issuedSecret(clientSecret);
  const schemaErrors: string[] = [];
  const requests: RecordedRequest[] = [];
  const failures: PendingFailure[] = [];
  let latencyMs = 0;
  // Pending delays end at close(), so a long injected delay never keeps a test process alive.
  const timers = new Map<NodeJS.Timeout, () => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.set(timer, resolve);
    });
  let origin = '';
  const oauth = new FakeZoomOAuth(state, clientId, clientSecret);
  const api = new FakeZoomApi(state, new ZoomRequestSchemas(), schemaErrors, () => origin);

  const takeFailure = (req: FakeRequest): FakeAnswerOverride | undefined => {
    const i = failures.findIndex(
      (f) => (!f.method || f.method.toUpperCase() === req.method) && f.path.test(req.path),
    );
    if (i < 0) return undefined;
    const failure = failures[i]!;
    if (--failure.remaining <= 0) failures.splice(i, 1);
    return failure.answer;
  };

  const server = createServer((incoming, res) => {
    void serve(incoming, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 500, message: `fake Zoom failed: ${String(err)}` }));
    });
  });

  async function serve(incoming: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(incoming.url ?? '/', origin);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(incoming.headers)) {
      if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
    const req: FakeRequest = {
      method: (incoming.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: parseBody(rawBody, headers['content-type']),
      rawBody,
    };
    requests.push({ method: req.method, path: req.path, query: req.query, headers, body: req.body });

    const override = takeFailure(req);
    if (override) {
      if (override.delayMs) await sleep(override.delayMs);
      return send(res, override);
    }
    const answer = oauth.handle(req) ??
      api.handle(req) ?? { status: 404, body: { code: 404, message: `fake Zoom: no route ${req.path}` } };
    if (latencyMs > 0) await sleep(latencyMs);
    send(res, answer);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    oauthUrl: origin,
    apiUrl: `${origin}/v2`,
    clientId,
    clientSecret,
    addUser: (user) => {
      state.users.set(user.id, user);
    },
    setUserSettings: (zoomUserId, settings) => {
      const current = state.settings.get(zoomUserId) ?? {
        schedule_meeting: {},
        in_meeting: {},
        recording: {},
      };
      state.settings.set(zoomUserId, {
        schedule_meeting: { ...current.schedule_meeting, ...settings.schedule_meeting },
        in_meeting: { ...current.in_meeting, ...settings.in_meeting },
        recording: { ...current.recording, ...settings.recording },
      });
    },
    issueTokens: (zoomUserId, o) => state.issueTokens(zoomUserId, o),
    meetings: state.meetings,
    requests,
    stats: state.stats,
    failNext: (match, answer, times = 1) => {
      failures.push({ method: match.method, path: match.path, answer, remaining: times });
    },
    clearFailures: () => {
      failures.length = 0;
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    expireAccessTokens: (id) => state.expireAccessTokens(id),
    revokeAll: (id) => state.revokeAll(id),
    liveTokens: (id) =>
      [...state.refreshTokens.values()].filter((owner) => owner === id).length +
      [...state.accessTokens.keys()].filter((token) => state.bearer(token) === id).length,
    grantSchedulingPrivilege: ({ host, scheduler }) => {
      const hosts = state.schedulingFor.get(scheduler) ?? new Set<string>();
      hosts.add(host);
      state.schedulingFor.set(scheduler, hosts);
    },
    revokeSchedulingPrivilege: ({ host, scheduler }) => {
      state.schedulingFor.get(scheduler)?.delete(host);
    },
    schemaErrors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const [timer, wake] of timers) {
          clearTimeout(timer);
          wake();
        }
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseBody(raw: string, contentType = ''): unknown {
  if (raw === '') return undefined;
  if (contentType.startsWith('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  return raw;
}

function send(res: ServerResponse, answer: FakeAnswer | FakeAnswerOverride): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload = '';
  if (typeof answer.body === 'string') {
    payload = answer.body;
    headers['content-type'] ??= 'text/html; charset=utf-8';
  } else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json;charset=UTF-8';
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}
