/** The Slack user's time zone and language (users.info), cached in Redis for a day. */
import type { Redis } from 'ioredis';
import type { Locale } from '../config.js';
import type { Logger } from '../log.js';
import type { Keys } from '../redis.js';
import type { SlackUserRef } from '../zoom/types.js';
import { localeFromSlack } from './i18n/index.js';
import type { SlackWebClient } from './web.js';

export interface SlackProfile {
  timeZone: string;
  locale: Locale;
}

const TTL_SECONDS = 24 * 3600;

/** Checking a zone builds an Intl formatter, which is slow; the answers are few and fixed. */
const knownZones = new Map<string, boolean>();

function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== 'string' || tz.length === 0 || tz.length > 64) return false;
  let valid = knownZones.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      valid = true;
    } catch {
      valid = false;
    }
    if (knownZones.size < 1000) knownZones.set(tz, valid);
  }
  return valid;
}

export class ProfileCache {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
    private readonly client: SlackWebClient,
    readonly defaults: SlackProfile,
    private readonly logger: Logger,
  ) {}

  async cached(user: SlackUserRef): Promise<SlackProfile | null> {
    const raw = await this.redis.get(this.keys.slackProfile(user.teamId, user.userId));
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as SlackProfile;
      return isTimeZone(parsed.timeZone) && (parsed.locale === 'ja' || parsed.locale === 'en')
        ? parsed
        : null;
    } catch {
      return null;
    }
  }

  /** Asks Slack; on failure answers the defaults without caching them. */
  async fetch(user: SlackUserRef): Promise<SlackProfile> {
    let profile: SlackProfile;
    try {
      const answer = await this.client.users.info({ user: user.userId, include_locale: true });
      profile = {
        timeZone: isTimeZone(answer.user?.tz) ? (answer.user?.tz as string) : this.defaults.timeZone,
        locale: localeFromSlack(answer.user?.locale, this.defaults.locale),
      };
    } catch (err) {
      this.logger.warn('Slack users.info failed; using the default zone and language', { error: err });
      return this.defaults;
    }
    // Slack answered; only the cache is lost if Redis does not (the next request asks Slack again).
    await this.redis
      .set(this.keys.slackProfile(user.teamId, user.userId), JSON.stringify(profile), 'EX', TTL_SECONDS)
      .catch((err) => this.logger.warn('Slack profile not cached: Redis failed', { error: err }));
    return profile;
  }

  async get(user: SlackUserRef): Promise<SlackProfile> {
    return (await this.cached(user).catch(() => null)) ?? this.fetch(user);
  }
}
