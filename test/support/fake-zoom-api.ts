/** The fake Zoom's REST endpoints under /v2, acting for the Zoom user who owns the bearer token. */
import { randomBytes } from 'node:crypto';
import type { FakeAnswer, FakeRequest } from './fake-zoom-oauth.js';
import type { ZoomOperation, ZoomRequestSchemas } from './fake-zoom-schema.js';
import {
  applySeries,
  deleteOccurrence,
  getOccurrence,
  listedOccurrences,
  patchOccurrence,
} from './fake-zoom-series.js';
import { defaultUserSettings, type FakeMeeting, type FakeZoomState } from './fake-zoom-state.js';
import { toZoomUtc, zoomStartToUtc } from './fake-zoom-time.js';
import { issuedSecret } from './test-logs.js';

type Body = Record<string, unknown>;

const INVALID_TOKEN: FakeAnswer = { status: 401, body: { code: 124, message: 'Invalid access token.' } };

export class FakeZoomApi {
  constructor(
    private readonly state: FakeZoomState,
    private readonly schemas: ZoomRequestSchemas,
    private readonly schemaErrors: string[],
    private readonly origin: () => string,
  ) {}

  handle(req: FakeRequest): FakeAnswer | undefined {
    if (!req.path.startsWith('/v2/')) return undefined;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const zoomUserId = bearer ? this.state.bearer(bearer) : undefined;
    if (!zoomUserId) return INVALID_TOKEN;
    const path = req.path.slice(3);
    const user = this.state.users.get(zoomUserId)!;
    const isMe = (who: string) => who === 'me' || who === user.id || who === user.email;

    let m = /^\/users\/([^/]+)$/.exec(path);
    if (m && req.method === 'GET' && isMe(m[1]!)) return { status: 200, body: this.userBody(zoomUserId) };
    m = /^\/users\/([^/]+)\/settings$/.exec(path);
    if (m && req.method === 'GET' && isMe(m[1]!)) return this.settings(zoomUserId);
    m = /^\/users\/([^/]+)\/schedulers$/.exec(path);
    if (m && req.method === 'GET' && isMe(m[1]!)) return this.schedulers(zoomUserId);
    m = /^\/users\/([^/]+)\/meetings$/.exec(path);
    if (m && req.method === 'POST') {
      const target = m[1]!;
      return this.withBody(req, 'meetingCreate', (b) => {
        const who = typeof b.schedule_for === 'string' ? b.schedule_for : isMe(target) ? zoomUserId : target;
        const host = isMe(who) ? user : this.state.findUser(who);
        if (!host) return { status: 404, body: { code: 1001, message: `User does not exist: ${who}.` } };
        // Zoom's documented refusal (POST /users/{userId}/meetings, 400): "You cannot schedule a meeting for {userId}".
        if (!this.state.maySchedule(zoomUserId, host.id)) {
          return { status: 400, body: { code: 3000, message: `You cannot schedule a meeting for ${who}` } };
        }
        return this.create(host.id, b);
      });
    }
    if (m && req.method === 'GET') {
      // Another user's list only with their scheduling privilege (which covers managing their
      // meetings); otherwise Zoom does not show it.
      const target = isMe(m[1]!) ? user : this.state.findUser(m[1]!);
      if (!target || !this.state.maySchedule(zoomUserId, target.id)) {
        return { status: 404, body: { code: 1001, message: `User does not exist: ${m[1]}.` } };
      }
      return this.list(target.id, req.query);
    }
    m = /^\/meetings\/(\d+)(\/recordings\/settings)?$/.exec(path);
    if (m) {
      const meeting = this.state.meetings.get(m[1]!);
      // The scheduling privilege also lets the scheduler manage the host's meetings.
      if (!meeting || !this.state.maySchedule(zoomUserId, meeting.hostZoomUserId)) {
        return { status: 404, body: { code: 3001, message: `Meeting does not exist: ${m[1]}.` } };
      }
      if (m[2]) {
        if (req.method !== 'PATCH') return notFound(req);
        return this.withBody(req, 'recordingSettingsUpdate', (b) => {
          meeting.recordingSettings = { ...meeting.recordingSettings, ...b };
          return { status: 204 };
        });
      }
      const occurrenceId = req.query.occurrence_id;
      if (req.method === 'GET') {
        const body = { ...this.strip(meeting), start_url: this.startUrl(meeting) };
        if (occurrenceId !== undefined) return getOccurrence(meeting, occurrenceId, body);
        const occurrences = listedOccurrences(meeting, req.query);
        return { status: 200, body: occurrences ? { ...body, occurrences } : body };
      }
      if (req.method === 'PATCH') {
        return this.withBody(req, 'meetingUpdate', (b) =>
          occurrenceId !== undefined
            ? patchOccurrence(meeting, occurrenceId, b, (p) => this.refuse(p))
            : this.update(meeting, b),
        );
      }
      if (req.method === 'DELETE' && occurrenceId !== undefined)
        return deleteOccurrence(meeting, occurrenceId);
      if (req.method === 'DELETE') {
        this.state.meetings.delete(m[1]!);
        return { status: 204 };
      }
    }
    return notFound(req);
  }

  /** Refuses a body that is not JSON or does not match Zoom's schema (400 code 300), as Zoom does. */
  private withBody(req: FakeRequest, op: ZoomOperation, run: (body: Body) => FakeAnswer): FakeAnswer {
    let problems: string[];
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      problems = [`${op}: content-type must be application/json`];
    } else if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
      problems = [`${op}: body is not a JSON object`];
    } else {
      problems = this.schemas.check(op, req.body);
    }
    if (problems.length > 0) return this.refuse(problems);
    return run(req.body as Body);
  }

  /** Zoom's answer to a body it will not take (400 code 300); the problems are kept for tests to read. */
  private refuse(problems: string[]): FakeAnswer {
    this.schemaErrors.push(...problems);
    return {
      status: 400,
      body: {
        code: 300,
        message: 'Validation Failed.',
        errors: problems.map((p) => ({
          field: (p.split(' ')[1] ?? p.split(':')[0] ?? '').replace(/:$/, ''),
          message: p,
        })),
      },
    };
  }

  private create(zoomUserId: string, body: Body): FakeAnswer {
    const id = this.state.newMeetingId();
    const type = (body.type as number | undefined) ?? 2;
    const timezone = (body.timezone as string | undefined) ?? 'UTC';
    const meeting: FakeMeeting = {
      id: Number(id),
      uuid: randomBytes(16).toString('base64'),
      host_id: zoomUserId,
      hostZoomUserId: zoomUserId,
      topic: (body.topic as string | undefined) ?? 'Zoom Meeting',
      type,
      status: 'waiting',
      start_time:
        type === 1 || !body.start_time
          ? toZoomUtc(Date.now())
          : zoomStartToUtc(body.start_time as string, timezone),
      duration: (body.duration as number | undefined) ?? 60,
      timezone,
      join_url: `${this.origin()}/j/${id}?pwd=${randomBytes(12).toString('base64url')}`,
      password: randomBytes(3).toString('hex'),
      // What the create leaves out, Zoom takes from the host's own settings.
      settings: { ...this.hostDefaults(zoomUserId), ...(body.settings as object | undefined) },
    };
    if (body.agenda !== undefined) meeting.agenda = body.agenda as string;
    const seriesProblems = applySeries(meeting, body, true);
    if (seriesProblems.length > 0) return this.refuse(seriesProblems);
    this.state.meetings.set(id, meeting);
    this.state.stats.creates++;
    // The create's answer names the host by email (Zoom's spec: host_email).
    const hostEmail = this.state.users.get(zoomUserId)?.email;
    return {
      status: 201,
      body: { ...this.strip(meeting), host_email: hostEmail, start_url: this.startUrl(meeting) },
    };
  }

  private update(meeting: FakeMeeting, body: Body): FakeAnswer {
    // Worked out on a copy, so a refused PATCH changes nothing.
    const draft: FakeMeeting = { ...meeting };
    for (const key of ['topic', 'agenda', 'duration', 'timezone'] as const) {
      if (body[key] !== undefined) (draft as unknown as Body)[key] = body[key];
    }
    // Zoom silently ignores a start_time in the past.
    if (typeof body.start_time === 'string') {
      const next = zoomStartToUtc(body.start_time, draft.timezone);
      if (Date.parse(next) > Date.now()) draft.start_time = next;
    }
    if (body.settings) draft.settings = { ...draft.settings, ...(body.settings as object) };
    const seriesProblems = applySeries(draft, body, false);
    if (seriesProblems.length > 0) return this.refuse(seriesProblems);
    Object.assign(meeting, draft);
    return { status: 204 };
  }

  private list(zoomUserId: string, query: Record<string, string>): FakeAnswer {
    const pageSize = Math.min(Number(query.page_size ?? 30) || 30, 300);
    const now = Date.now();
    const mine = [...this.state.meetings.values()]
      .filter((m) => m.hostZoomUserId === zoomUserId)
      .filter(
        (m) => query.type !== 'upcoming' || Date.parse(m.start_time ?? '') + (m.duration ?? 0) * 60_000 > now,
      )
      .sort((a, b) => (a.start_time ?? '').localeCompare(b.start_time ?? ''));
    const meetings = mine.slice(0, pageSize).map((m) => {
      const { start_url: _s, password: _p, settings: _x, ...item } = this.strip(m);
      return item;
    });
    return {
      status: 200,
      body: { page_size: pageSize, total_records: mine.length, next_page_token: '', meetings },
    };
  }

  /**
   * GET /users/{userId}/schedulers ("List user schedulers", Users API; scopes user:read / user:read:admin):
   * "the users for whom the current user can schedule meetings", as { schedulers: [{ id, email, pmi }] }
   * (Zoom API docs as mirrored in PSZoom's Get-ZoomUserSchedulers, @zoom/rivet's
   * UsersListUserSchedulersResponse and developers.qodex.ai's copy of "List user schedulers": "this
   * API's response will list all users for whom User A can schedule and manage meetings").
   */
  private schedulers(zoomUserId: string): FakeAnswer {
    const hosts = [...(this.state.schedulingFor.get(zoomUserId) ?? [])];
    const schedulers = hosts.flatMap((id) => {
      const host = this.state.users.get(id);
      return host ? [{ id: host.id, email: host.email, pmi: pmiOf(host.id) }] : [];
    });
    return { status: 200, body: { schedulers } };
  }

  /** A new meeting's settings when the create sets none: the host's own. */
  private hostDefaults(zoomUserId: string): Record<string, unknown> {
    const defaults = defaultUserSettings();
    const own = this.state.settings.get(zoomUserId);
    const schedule = { ...defaults.schedule_meeting, ...own?.schedule_meeting };
    const inMeeting = { ...defaults.in_meeting, ...own?.in_meeting };
    const recording = { ...defaults.recording, ...own?.recording };
    return {
      host_video: schedule.host_video,
      participant_video: schedule.participants_video,
      join_before_host: schedule.join_before_host,
      mute_upon_entry: false,
      waiting_room: inMeeting.waiting_room,
      auto_recording: recording.auto_recording,
    };
  }

  /** The user's settings, checked against Zoom's published response shape before they are sent. */
  private settings(zoomUserId: string): FakeAnswer {
    const defaults = defaultUserSettings();
    const own = this.state.settings.get(zoomUserId);
    const body = {
      schedule_meeting: { ...defaults.schedule_meeting, ...own?.schedule_meeting },
      in_meeting: { ...defaults.in_meeting, ...own?.in_meeting },
      recording: { ...defaults.recording, ...own?.recording },
    };
    const problems = this.schemas.checkUserSettings(body);
    if (problems.length > 0)
      throw new Error(`fake Zoom settings do not match Zoom's shape: ${problems.join('; ')}`);
    return { status: 200, body };
  }

  private userBody(zoomUserId: string): Body {
    const user = this.state.users.get(zoomUserId)!;
    return {
      id: user.id,
      email: user.email,
      first_name: 'Test',
      last_name: 'User',
      type: 2,
      timezone: 'Asia/Tokyo',
      account_id: 'fake-account',
      status: 'active',
    };
  }

  private strip(m: FakeMeeting): Omit<FakeMeeting, 'hostZoomUserId' | 'recordingSettings'> {
    const { hostZoomUserId: _h, recordingSettings: _r, ...rest } = m;
    return rest;
  }

  private startUrl(m: FakeMeeting): string {
    const zak = randomBytes(24).toString('base64url');
    issuedSecret(zak);
    return `${this.origin()}/s/${m.id}?zak=${zak}`;
  }
}

/** A stable 10-digit personal meeting ID per user. */
function pmiOf(id: string): number {
  let n = 0;
  for (const ch of id) n = (n * 31 + ch.charCodeAt(0)) % 1_000_000_000;
  return 1_000_000_000 + n;
}

function notFound(req: FakeRequest): FakeAnswer {
  return { status: 404, body: { code: 404, message: `fake Zoom: no route ${req.method} ${req.path}` } };
}
