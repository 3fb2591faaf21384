/**
 * Personal defaults a user sets on the App Home: meeting length, reminder, recording and the
 * language the bot speaks to them. One Redis hash per user, no expiry (they are choices, not caches).
 */
import type { Locale } from '../config.js';
import type { Keys, RedisClient } from '../redis.js';
import type { AutoRecording, SlackUserRef } from '../zoom/types.js';

export type LanguageChoice = 'auto' | Locale;

export interface UserPreferences {
  durationMinutes?: number;
  /** Minutes before the start; 0 = no reminder. */
  reminderMinutes?: number;
  recording?: AutoRecording;
  language: LanguageChoice;
}

export const DURATION_CHOICES = [15, 30, 45, 60, 90, 120];
export const REMINDER_CHOICES = [0, 5, 10, 15, 30, 60];
export const RECORDING_CHOICES: AutoRecording[] = ['none', 'local', 'cloud'];
export const LANGUAGE_CHOICES: LanguageChoice[] = ['auto', 'ja', 'en'];

export type PreferenceName = 'duration' | 'reminder' | 'recording' | 'language';

const FIELD: Record<PreferenceName, string> = {
  duration: 'duration',
  reminder: 'reminder',
  recording: 'recording',
  language: 'language',
};

const numberIn = (raw: string | undefined, allowed: number[]): number | undefined => {
  const n = raw === undefined ? Number.NaN : Number(raw);
  return allowed.includes(n) ? n : undefined;
};

/** A value as a select sends it, checked against the choices offered; undefined when not one of them. */
export function readPreference(name: PreferenceName, raw: string | undefined): string | undefined {
  switch (name) {
    case 'duration':
      return numberIn(raw, DURATION_CHOICES) === undefined ? undefined : raw;
    case 'reminder':
      return numberIn(raw, REMINDER_CHOICES) === undefined ? undefined : raw;
    case 'recording':
      return RECORDING_CHOICES.includes(raw as AutoRecording) ? raw : undefined;
    case 'language':
      return LANGUAGE_CHOICES.includes(raw as LanguageChoice) ? raw : undefined;
  }
}

export function parsePreferences(hash: Record<string, string>): UserPreferences {
  const durationMinutes = numberIn(hash.duration, DURATION_CHOICES);
  const reminderMinutes = numberIn(hash.reminder, REMINDER_CHOICES);
  const recording = readPreference('recording', hash.recording) as AutoRecording | undefined;
  const language = (readPreference('language', hash.language) as LanguageChoice | undefined) ?? 'auto';
  return {
    ...(durationMinutes !== undefined ? { durationMinutes } : {}),
    ...(reminderMinutes !== undefined ? { reminderMinutes } : {}),
    ...(recording ? { recording } : {}),
    language,
  };
}

/** The language the bot uses with a user: their choice, else what Slack says. */
export function chosenLocale(language: string | null | undefined, slackLocale: Locale): Locale {
  return language === 'ja' || language === 'en' ? language : slackLocale;
}

export class PreferenceStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async get(user: SlackUserRef): Promise<UserPreferences> {
    return parsePreferences(await this.redis.hgetall(this.keys.userPreferences(user.teamId, user.userId)));
  }

  /** Saves one choice; false (and nothing changed) when the value is not one the Home offers. */
  async set(user: SlackUserRef, name: PreferenceName, raw: string | undefined): Promise<boolean> {
    const value = readPreference(name, raw);
    if (value === undefined) return false;
    await this.redis.hset(this.keys.userPreferences(user.teamId, user.userId), FIELD[name], value);
    // Listed under the workspace, so uninstalling the app removes the choices too.
    await this.redis.sadd(this.keys.teamUsers(user.teamId), user.userId);
    return true;
  }
}
