/** The fake Zoom's REST endpoints under /v2, acting for the Zoom user who owns the bearer token. */
import { randomBytes } from 'node:crypto';
import type { FakeAnswer, FakeRequest } from './fake-zoom-oauth.js';
import type { ZoomOperation, ZoomRequestSchemas } from './fake-zoom-schema.js';
import type { FakeMeeting, FakeZoomState } from './fake-zoom-state.js';
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
    m = /^\/users\/([^/]+)\/meetings$/.exec(path);
    if (m && isMe(m[1]!)) {
      if (req.method === 'POST')
        return this.withBody(req, 'meetingCreate', (b) => this.create(zoomUserId, b));
      if (req.method === 'GET') return this.list(zoomUserId, req.query);
    }
    m = /^\/meetings\/(\d+)(\/recordings\/settings)?$/.exec(path);
    if (m) {
      const meeting = this.state.meetings.get(m[1]!);
      if (!meeting || meeting.hostZoomUserId !== zoomUserId) {
        return { status: 404, body: { code: 3001, message: `Meeting does not exist: ${m[1]}.` } };
      }
      if (m[2]) {
        if (req.method !== 'PATCH') return notFound(req);
        return this.withBody(req, 'recordingSettingsUpdate', (b) => {
          meeting.recordingSettings = { ...meeting.recordingSettings, ...b };
          return { status: 204 };
        });
      }
      if (req.method === 'GET')
        return { status: 200, body: { ...this.strip(meeting), start_url: this.startUrl(meeting) } };
      if (req.method === 'PATCH') return this.withBody(req, 'meetingUpdate', (b) => this.update(meeting, b));
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
    if (problems.length > 0) {
      this.schemaErrors.push(...problems);
      return {
        status: 400,
        body: {
          code: 300,
          message: 'Validation Failed.',
          errors: problems.map((p) => ({ field: (p.split(' ')[1] ?? '').replace(/:$/, ''), message: p })),
        },
      };
    }
    return run(req.body as Body);
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
      settings: { auto_recording: 'none', ...(body.settings as object | undefined) },
    };
    if (body.agenda !== undefined) meeting.agenda = body.agenda as string;
    this.state.meetings.set(id, meeting);
    this.state.stats.creates++;
    return { status: 201, body: { ...this.strip(meeting), start_url: this.startUrl(meeting) } };
  }

  private update(meeting: FakeMeeting, body: Body): FakeAnswer {
    for (const key of ['topic', 'agenda', 'duration', 'timezone'] as const) {
      if (body[key] !== undefined) (meeting as unknown as Body)[key] = body[key];
    }
    // Zoom silently ignores a start_time in the past.
    if (typeof body.start_time === 'string') {
      const next = zoomStartToUtc(body.start_time, meeting.timezone);
      if (Date.parse(next) > Date.now()) meeting.start_time = next;
    }
    if (body.settings) meeting.settings = { ...meeting.settings, ...(body.settings as object) };
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

function notFound(req: FakeRequest): FakeAnswer {
  return { status: 404, body: { code: 404, message: `fake Zoom: no route ${req.method} ${req.path}` } };
}
