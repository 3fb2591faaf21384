/** Zoom REST client (axios) acting as one Slack user's connected Zoom account. */
import type { AxiosInstance } from 'axios';
import { axios } from '../axios.js';
import type { Logger } from '../log.js';
import { NoSchedulingPrivilegeError } from '../scheduling/ports/errors.js';
import type { HostAccount, ZoomMeetings, ZoomScheduler, ZoomSchedulers } from '../scheduling/ports/zoom.js';
import { ZoomNotConnectedError, ZoomResponseError, ZoomUnavailableError } from './errors.js';
import { apiError, parseJson, type RawAnswer, transportError } from './http-errors.js';
import type { TokenStore } from './tokens.js';
import type {
  MeetingCreateInput,
  MeetingUpdateInput,
  OccurrenceTarget,
  SlackUserRef,
  ZoomMeeting,
} from './types.js';

export interface ZoomClientOptions {
  apiUrl: string;
  tokens: TokenStore;
  /** Per call; 10 s. */
  timeoutMs?: number;
  /** Meeting creation; 15 s (Zoom is slowest there, and a create is never retried). */
  createTimeoutMs?: number;
  /** Waits before the retries of an idempotent call after 5xx/network errors; [200, 400]. */
  retryDelaysMs?: number[];
  logger?: Logger;
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path after the API base, with ids already encoded. */
  path: string;
  /** The operation as logged and shown in errors (no ids). */
  name: string;
  params?: Record<string, string | number>;
  body?: unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `/users/me` or, for a user the account schedules for, `/users/{id}`. */
const userPath = (host: HostAccount) => (host.forZoomUser ? `/users/${enc(host.forZoomUser)}` : '/users/me');

export class ZoomClient implements ZoomMeetings, ZoomSchedulers {
  private readonly http: AxiosInstance;
  private readonly retryDelaysMs: number[];

  constructor(readonly options: ZoomClientOptions) {
    this.http = axios.create({
      baseURL: options.apiUrl,
      timeout: options.timeoutMs ?? 10_000,
      // Statuses are read here; axios errors (which carry the Authorization header) are transport-only.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
    });
    this.retryDelaysMs = options.retryDelaysMs ?? [200, 400];
  }

  /**
   * POST /users/me/meetings, or /users/{id}/meetings for a user who gave `user` their scheduling
   * privilege. Never retried blindly (a retry can create a second meeting).
   */
  async createMeeting(
    user: SlackUserRef,
    input: MeetingCreateInput,
    host: HostAccount = {},
  ): Promise<ZoomMeeting> {
    const name = host.forZoomUser ? 'POST /users/{id}/meetings' : 'POST /users/me/meetings';
    const call: Call = { method: 'POST', path: `${userPath(host)}/meetings`, name, body: input };
    try {
      return meeting(await this.request(user, call, false), call.name);
    } catch (err) {
      // Zoom's documented refusal (400, code 3000 "You cannot schedule a meeting for {userId}").
      const e = err as { status?: number; code?: number; message?: string };
      if (
        host.forZoomUser &&
        e.status === 400 &&
        e.code === 3000 &&
        /cannot schedule/i.test(e.message ?? '')
      ) {
        throw new NoSchedulingPrivilegeError(e.message ?? 'no scheduling privilege', 400, 3000);
      }
      throw err;
    }
  }

  /** GET /users/me/schedulers: the Zoom users this account may schedule meetings for. */
  async listSchedulers(user: SlackUserRef): Promise<ZoomScheduler[]> {
    const name = 'GET /users/me/schedulers';
    const body = await this.request(user, { method: 'GET', path: '/users/me/schedulers', name }, true);
    const list = (body as { schedulers?: unknown } | undefined)?.schedulers;
    if (list === undefined) return [];
    if (!Array.isArray(list))
      throw new ZoomResponseError(`Zoom answered ${name} without a schedulers list`, 200);
    return list.flatMap((s: { id?: unknown; email?: unknown }) =>
      typeof s?.id === 'string' && s.id && typeof s.email === 'string' ? [{ id: s.id, email: s.email }] : [],
    );
  }

  async getMeeting(user: SlackUserRef, meetingId: string): Promise<ZoomMeeting> {
    const call: Call = { method: 'GET', path: `/meetings/${enc(meetingId)}`, name: 'GET /meetings/{id}' };
    return meeting(await this.request(user, call, true), call.name);
  }

  async updateMeeting(
    user: SlackUserRef,
    meetingId: string,
    patch: MeetingUpdateInput,
    target: OccurrenceTarget = {},
  ): Promise<void> {
    await this.request(
      user,
      {
        method: 'PATCH',
        path: `/meetings/${enc(meetingId)}`,
        name: 'PATCH /meetings/{id}',
        body: patch,
        ...occurrenceParams(target),
      },
      true,
    );
  }

  async deleteMeeting(user: SlackUserRef, meetingId: string, target: OccurrenceTarget = {}): Promise<void> {
    await this.request(
      user,
      {
        method: 'DELETE',
        path: `/meetings/${enc(meetingId)}`,
        name: 'DELETE /meetings/{id}',
        ...occurrenceParams(target),
      },
      true,
    );
  }

  /** GET /users/me/settings (scope user:read:settings): the host's own settings, as Zoom sent them. */
  async getUserSettings(user: SlackUserRef): Promise<Record<string, unknown>> {
    const name = 'GET /users/me/settings';
    const body = await this.request(user, { method: 'GET', path: '/users/me/settings', name }, true);
    if (!body || typeof body !== 'object')
      throw new ZoomResponseError(`Zoom answered ${name} without settings`, 200);
    return body as Record<string, unknown>;
  }

  async listUpcomingMeetings(
    user: SlackUserRef,
    pageSize = 30,
    host: HostAccount = {},
  ): Promise<ZoomMeeting[]> {
    const name = host.forZoomUser ? 'GET /users/{id}/meetings' : 'GET /users/me/meetings';
    const body = await this.request(
      user,
      {
        method: 'GET',
        path: `${userPath(host)}/meetings`,
        name,
        params: { type: 'upcoming', page_size: pageSize },
      },
      true,
    );
    const list = (body as { meetings?: unknown } | undefined)?.meetings;
    if (!Array.isArray(list))
      throw new ZoomResponseError(`Zoom answered ${name} without a meetings list`, 200);
    return list.map((m) => meeting(m, name));
  }

  async updateRecordingSettings(
    user: SlackUserRef,
    meetingId: string,
    settings: { recording_authentication?: boolean },
  ): Promise<void> {
    await this.request(
      user,
      {
        method: 'PATCH',
        path: `/meetings/${enc(meetingId)}/recordings/settings`,
        name: 'PATCH /meetings/{id}/recordings/settings',
        body: settings,
      },
      true,
    );
  }

  /**
   * Sends one call as `user`. A 401 (code 124) refreshes the token once and retries once: Zoom
   * did not act on a request it refused. Idempotent calls also retry 5xx and network failures a
   * bounded number of times; a create never does.
   */
  private async request(user: SlackUserRef, call: Call, idempotent: boolean): Promise<unknown> {
    const { tokens, logger } = this.options;
    let token = await tokens.getAccessToken(user);
    let refreshed = false;
    let retries = 0;
    for (;;) {
      let answer: RawAnswer;
      try {
        answer = await this.http.request({
          method: call.method,
          url: call.path,
          params: call.params,
          data: call.body === undefined ? undefined : JSON.stringify(call.body),
          timeout: call.method === 'POST' ? (this.options.createTimeoutMs ?? 15_000) : undefined,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
        });
      } catch (err) {
        const failure = transportError(err, call.name);
        if (idempotent && retries < this.retryDelaysMs.length) {
          logger?.warn(`Zoom ${call.name} failed, retrying`, { reason: failure.message });
          await sleep(this.retryDelaysMs[retries++]!);
          continue;
        }
        throw failure;
      }
      logger?.debug(`zoom ${call.name} ${answer.status}`);
      if (answer.status === 401) {
        const code = zoomCode(answer);
        if (code === 124 && !refreshed) {
          refreshed = true;
          token = await tokens.refreshAfterRejection(user, token);
          continue;
        }
        throw new ZoomNotConnectedError(`Zoom refused the access token for ${call.name}`, 401, code);
      }
      if (answer.status >= 500 && idempotent && retries < this.retryDelaysMs.length) {
        logger?.warn(`Zoom ${call.name} answered ${answer.status}, retrying`);
        await sleep(this.retryDelaysMs[retries++]!);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return parseJson(answer, call.name);
      const error = apiError(answer, call.name);
      if (error instanceof ZoomUnavailableError)
        logger?.warn(`Zoom ${call.name} failed`, { status: answer.status });
      throw error;
    }
  }
}

function enc(id: string): string {
  return encodeURIComponent(id);
}

function zoomCode(answer: RawAnswer): number | undefined {
  try {
    const body = parseJson(answer, '') as { code?: unknown } | undefined;
    return typeof body?.code === 'number' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

/** A meeting as Zoom sent it, once the fields the bot relies on are checked. */
/** `?occurrence_id=…` for one meeting of a series. */
function occurrenceParams(target: OccurrenceTarget): { params?: Record<string, string> } {
  return target.occurrenceId ? { params: { occurrence_id: target.occurrenceId } } : {};
}

function meeting(value: unknown, operation: string): ZoomMeeting {
  const m = value as Partial<ZoomMeeting> | undefined;
  if (!m || typeof m.id !== 'number' || typeof m.join_url !== 'string') {
    throw new ZoomResponseError(`Zoom answered ${operation} without a meeting id and join_url`);
  }
  return m as ZoomMeeting;
}
