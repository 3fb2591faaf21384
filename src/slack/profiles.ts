/**
 * The Slack user's time zone and language (users.info), cached in Redis for a day. A language
 * chosen on the App Home (preferences) wins over Slack's locale everywhere the bot speaks.
 */
import type { Locale } from '../config.js';
import type { Logger } from '../log.js';
import type { Keys, RedisClient } from '../redis.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';
import type { SlackClients } from './clients.js';
import { localeFromSlack } from './i18n/index.js';
import { chosenLocale } from './preferences.js';
import { slackErrorCode } from './web.js';

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
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly clients: SlackClients,
    readonly defaults: SlackProfile,
    private readonly logger: Logger,
  ) {}

  async cached(user: SlackUserRef): Promise<SlackProfile | null> {
    // Both sent at once: one round trip (same hash tag, so also one slot on a cluster). Not as a
    // pipeline: ioredis copies every Lua command defined on the connection (BullMQ's dozens of scripts)
    // onto each pipeline it builds, and this runs for nearly every request.
    const [raw, language] = await Promise.all([
      this.redis.get(this.keys.slackProfile(user.teamId, user.userId)),
      this.chosenLanguage(user),
    ]);
    if (!raw) return null;
    try {
      const parsed = JSON.parse(raw) as SlackProfile;
      if (!isTimeZone(parsed.timeZone) || (parsed.locale !== 'ja' && parsed.locale !== 'en')) return null;
      return { ...parsed, locale: chosenLocale(language, parsed.locale) };
    } catch {
      return null;
    }
  }

  private async chosenLanguage(user: SlackUserRef): Promise<string | null> {
    return this.redis.hget(this.keys.userPreferences(user.teamId, user.userId), 'language').catch(() => null);
  }

  /** Asks Slack; on failure answers the defaults without caching them. */
  async fetch(user: SlackUserRef): Promise<SlackProfile> {
    let profile: SlackProfile;
    try {
      const client = await this.clients.forTeam(user);
      const answer = await client.users.info({ user: user.userId, include_locale: true });
      profile = {
        timeZone: isTimeZone(answer.user?.tz) ? (answer.user?.tz as string) : this.defaults.timeZone,
        locale: localeFromSlack(answer.user?.locale, this.defaults.locale),
      };
    } catch (err) {
      this.logger.warn('Slack users.info failed; using the default zone and language', { error: err });
      const language = await this.chosenLanguage(user);
      return { ...this.defaults, locale: chosenLocale(language, this.defaults.locale) };
    }
    // Slack answered; only the cache is lost if Redis does not (the next request asks Slack again).
    const [language] = await Promise.all([
      this.chosenLanguage(user),
      this.redis
        .set(this.keys.slackProfile(user.teamId, user.userId), JSON.stringify(profile), 'EX', TTL_SECONDS)
        // Listed under the workspace, so uninstalling it removes the cached profile too.
        .then(() => this.redis.sadd(this.keys.teamUsers(user.teamId), user.userId))
        .catch((err) => this.logger.warn('Slack profile not cached: Redis failed', { error: err })),
    ]);
    return { ...profile, locale: chosenLocale(language, profile.locale) };
  }

  /**
   * The email on the user's Slack profile, asked fresh (never cached: it decides whose Zoom account
   * this is). Slack sends it only to apps with users:read.email; undefined when it does not.
   */
  async email(user: SlackUserRef): Promise<string | undefined> {
    const client = await this.clients.forTeam(user);
    const answer = await client.users.info({ user: user.userId });
    const email = answer.user?.profile?.email;
    return typeof email === 'string' && email.includes('@') ? email : undefined;
  }

  /**
   * The workspace's Slack user with this email (users.lookupByEmail, scope users:read.email);
   * undefined when Slack finds none (`users_not_found`). Other failures are thrown.
   */
  async userIdByEmail(teamId: string, email: string): Promise<string | undefined> {
    const client = await this.clients.forTeam({ teamId });
    try {
      const answer = await client.users.lookupByEmail({ email });
      return answer.user?.id ?? undefined;
    } catch (err) {
      if (slackErrorCode(err) === 'users_not_found') return undefined;
      throw err;
    }
  }

  async get(user: SlackUserRef): Promise<SlackProfile> {
    return (await this.cached(user).catch(() => null)) ?? this.fetch(user);
  }
}
