/** What the fake Zoom remembers: users, authorization codes, token pairs, meetings. */
import { randomBytes } from 'node:crypto';
import type { ZoomMeeting } from '../../src/zoom/types.js';
import type { FakeOccurrence, FakeRecurrence } from './fake-zoom-recurrence.js';
import { issuedSecret } from './test-logs.js';

export interface FakeZoomUser {
  id: string;
  email: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  scope: string;
}

export interface AuthorizationCode {
  zoomUserId: string;
  codeChallenge: string;
  redirectUri: string;
  expiresAt: number;
}

export type FakeMeeting = Omit<ZoomMeeting, 'recurrence' | 'occurrences'> & {
  hostZoomUserId: string;
  recordingSettings?: Record<string, unknown>;
  /** Type 8 only. */
  recurrence?: FakeRecurrence;
  occurrences?: FakeOccurrence[];
};

export type UserSettings = Record<'schedule_meeting' | 'in_meeting' | 'recording', Record<string, unknown>>;

/** A new account's settings as Zoom ships them (web portal, Settings › Meeting and › Recording). */
export function defaultUserSettings(): UserSettings {
  return {
    schedule_meeting: {
      host_video: true,
      participants_video: true,
      join_before_host: false,
      audio_type: 'both',
      use_pmi_for_scheduled_meetings: false,
      use_pmi_for_instant_meetings: false,
    },
    in_meeting: { waiting_room: false, chat: true, co_host: false, screen_sharing: true },
    recording: { auto_recording: 'none', cloud_recording: true, local_recording: true },
  };
}

export const SCOPES = 'meeting:read meeting:write user:read';

/** Shaped like Zoom's tokens (JWT-like), random enough never to collide. */
function newToken(kind: 'access' | 'refresh'): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS512', v: '2.0', kid: kind })).toString('base64url');
  return `${header}.${randomBytes(32).toString('base64url')}.${randomBytes(24).toString('base64url')}`;
}

export class FakeZoomState {
  readonly users = new Map<string, FakeZoomUser>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly accessTokens = new Map<string, { zoomUserId: string; expiresAt: number }>();
  /** Only the newest refresh token of each grant is here: rotation kills the old one at once. */
  readonly refreshTokens = new Map<string, string>();
  readonly meetings = new Map<string, FakeMeeting>();
  /** Each user's Zoom settings (GET /users/{userId}/settings), over Zoom's defaults below. */
  readonly settings = new Map<string, UserSettings>();
  /** Scheduling privilege: scheduler's Zoom id → the Zoom ids of the users who granted it to them. */
  readonly schedulingFor = new Map<string, Set<string>>();
  readonly stats = { codeGrants: 0, refreshGrants: 0, revokes: 0, creates: 0 };

  constructor(readonly accessTokenTtlSeconds: number) {}

  issueTokens(zoomUserId: string, opts: { expiresInSeconds?: number } = {}): IssuedTokens {
    if (!this.users.has(zoomUserId)) throw new Error(`fake Zoom: unknown user ${zoomUserId}`);
    const expiresInSeconds = opts.expiresInSeconds ?? this.accessTokenTtlSeconds;
    const accessToken = newToken('access');
    const refreshToken = newToken('refresh');
    issuedSecret(accessToken);
    issuedSecret(refreshToken);
    this.accessTokens.set(accessToken, { zoomUserId, expiresAt: Date.now() + expiresInSeconds * 1000 });
    this.refreshTokens.set(refreshToken, zoomUserId);
    return { accessToken, refreshToken, expiresInSeconds, scope: SCOPES };
  }

  /** Rotation: the old refresh token dies now, a new pair is issued. Null for an unknown/dead token. */
  rotate(refreshToken: string): IssuedTokens | null {
    const zoomUserId = this.refreshTokens.get(refreshToken);
    if (zoomUserId === undefined) return null;
    this.refreshTokens.delete(refreshToken);
    return this.issueTokens(zoomUserId);
  }

  /** Zoom user owning a live access token, or undefined. */
  bearer(accessToken: string): string | undefined {
    const entry = this.accessTokens.get(accessToken);
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    return entry.zoomUserId;
  }

  expireAccessTokens(zoomUserId: string): void {
    for (const [token, entry] of this.accessTokens) {
      if (entry.zoomUserId === zoomUserId) this.accessTokens.delete(token);
    }
  }

  revokeAll(zoomUserId: string): void {
    this.expireAccessTokens(zoomUserId);
    for (const [token, owner] of this.refreshTokens) {
      if (owner === zoomUserId) this.refreshTokens.delete(token);
    }
  }

  /** Revoke endpoint: a known token (access or refresh) revokes that user's authorization. */
  revokeToken(token: string): boolean {
    // An expired access token is no longer a token Zoom knows: it cannot revoke anything.
    const owner = this.refreshTokens.get(token) ?? this.bearer(token);
    if (owner === undefined) return false;
    this.revokeAll(owner);
    return true;
  }

  newCode(entry: AuthorizationCode): string {
    const code = randomBytes(18).toString('base64url');
    issuedSecret(code);
    this.codes.set(code, entry);
    return code;
  }

  /** A user (by id or email), or undefined. */
  findUser(idOrEmail: string): FakeZoomUser | undefined {
    return this.users.get(idOrEmail) ?? [...this.users.values()].find((u) => u.email === idOrEmail);
  }

  /** True when `schedulerId` may schedule and manage meetings for `hostId` (or is that user). */
  maySchedule(schedulerId: string, hostId: string): boolean {
    return schedulerId === hostId || (this.schedulingFor.get(schedulerId)?.has(hostId) ?? false);
  }

  newMeetingId(): string {
    let id: string;
    do id = String(80_000_000_000 + Math.floor(Math.random() * 9_999_999_999));
    while (this.meetings.has(id));
    return id;
  }
}
