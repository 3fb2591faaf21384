/**
 * The host's own Zoom defaults for a new meeting, read from GET /users/me/settings and cached per
 * user for a few minutes (the form opens often; the settings rarely change).
 *
 * Where each default lives in Zoom's answer (Zoom's SDK, zoom/rivet-javascript users/users.d.ts
 * `UsersGetUserSettingsResponse`): `schedule_meeting.host_video`, `.participants_video`,
 * `.join_before_host`, `in_meeting.waiting_room`, `recording.auto_recording`. Mute upon entry is
 * not in that answer for most accounts; it is read when present and otherwise stays unknown.
 */
import type { Logger } from '../log.js';
import type { Keys, RedisClient } from '../redis.js';
import type { AutoRecording, HostDefaults, MeetingOption, SlackUserRef } from '../scheduling/ports/types.js';
import type { ZoomHostDefaults } from '../scheduling/ports/zoom.js';
import type { ZoomClient } from './client.js';

const CACHE_SECONDS = 300;

type Section = Record<string, unknown> | undefined;

/** Zoom's settings answer as the form's defaults; fields of another type or missing stay unknown. */
export function hostDefaultsFrom(settings: Record<string, unknown>): HostDefaults {
  const schedule = settings.schedule_meeting as Section;
  const inMeeting = settings.in_meeting as Section;
  const recording = settings.recording as Section;
  const read: [MeetingOption, unknown][] = [
    ['host_video', schedule?.host_video],
    ['participant_video', schedule?.participants_video],
    ['join_before_host', schedule?.join_before_host],
    ['mute_upon_entry', schedule?.mute_upon_entry ?? inMeeting?.mute_upon_entry],
    ['waiting_room', inMeeting?.waiting_room],
  ];
  const options: HostDefaults['options'] = {};
  for (const [option, value] of read) if (typeof value === 'boolean') options[option] = value;
  const auto = recording?.auto_recording;
  return {
    options,
    ...(auto === 'none' || auto === 'local' || auto === 'cloud' ? { recording: auto as AutoRecording } : {}),
  };
}

export class HostDefaultsCache implements ZoomHostDefaults {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly zoom: Pick<ZoomClient, 'getUserSettings'>,
    private readonly logger?: Logger,
  ) {}

  async get(user: SlackUserRef): Promise<HostDefaults | null> {
    const key = this.keys.hostDefaults(user.teamId, user.userId);
    const cached = await this.redis.get(key).catch(() => null);
    if (cached) {
      try {
        return JSON.parse(cached) as HostDefaults;
      } catch {
        // Unreadable: asked again below.
      }
    }
    try {
      const defaults = hostDefaultsFrom(await this.zoom.getUserSettings(user));
      await this.redis.set(key, JSON.stringify(defaults), 'EX', CACHE_SECONDS).catch(() => undefined);
      return defaults;
    } catch (err) {
      this.logger?.info('Zoom settings not read; the form starts from no defaults', { error: err });
      return null;
    }
  }
}
