/**
 * Reads the bot's settings from the environment. Every missing, malformed or placeholder value is
 * collected, so one start-up names them all, each with how to fix it. The readers of single values
 * are in config-reader.ts; the settings checked together are in config-redis.ts (one node, Cluster
 * or Sentinel) and config-slack.ts (one workspace or OAuth installs, Socket Mode).
 */

import {
  ConfigError,
  type Env,
  encryptionKey,
  oneOf,
  optional,
  port,
  Reader,
  required,
  seconds,
  timeZone,
  url,
  withoutTrailingSlash,
  withTrailingSlash,
} from './config-reader.js';
import { type RedisConfig, redisConfig } from './config-redis.js';
import { type SlackOAuthConfig, slackAppToken, slackAuth } from './config-slack.js';
import type { Locale } from './scheduling/ports/types.js';

export { ConfigError, type ConfigProblem } from './config-reader.js';
export type { RedisConfig, RedisNode } from './config-redis.js';
export type { SlackOAuthConfig } from './config-slack.js';
export type { Locale };
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  slack: {
    signingSecret: string;
    /** One workspace (SLACK_BOT_TOKEN): its bot token. Unset when the app is installed through OAuth. */
    botToken?: string;
    /** Any number of workspaces ("Add to Slack"): the app's OAuth credentials. Unset with a bot token. */
    oauth?: SlackOAuthConfig;
    /** Set: Socket Mode. Unset: HTTP mode. */
    appToken?: string;
    /** Base URL of the Slack Web API, ending in a slash. */
    apiUrl: string;
  };
  zoom: {
    clientId: string;
    clientSecret: string;
    redirectUrl: string;
    oauthUrl: string;
    apiUrl: string;
    /** Unset: the webhook route is off. */
    webhookSecretToken?: string;
  };
  redis: RedisConfig;
  /** Current key first; older keys are accepted for reading only (rotation). */
  tokenEncryptionKeys: Buffer[];
  defaultTimeZone: string;
  defaultLocale: Locale;
  port: number;
  logLevel: LogLevel;
  /** How long a Zoom sign-in whose email differs from the Slack profile's waits for confirmation. */
  pendingLinkTtlSeconds: number;
  /** How long start-up waits for Slack and Redis before giving up (exit 69); 0: keeps trying. */
  startupTimeoutSeconds: number;
}

export function loadConfig(raw: Env = process.env): Config {
  const env = new Reader(raw);
  const appToken = slackAppToken(env);
  const apiUrl = withTrailingSlash(url(env, 'SLACK_API_URL', 'https://slack.com/api/'));
  const { botToken, oauth } = slackAuth(env, apiUrl);

  const current = encryptionKey(env, 'TOKEN_ENCRYPTION_KEY', true);
  const previous = encryptionKey(env, 'TOKEN_ENCRYPTION_KEY_PREVIOUS', false);
  const keys = [current, previous].filter((k): k is Buffer => k !== undefined);

  const redisUrl = url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']);
  const config: Config = {
    slack: {
      signingSecret: required(
        env,
        'SLACK_SIGNING_SECRET',
        "your Slack app's Basic Information page, Signing Secret",
      ),
      ...(botToken ? { botToken } : {}),
      ...(oauth ? { oauth } : {}),
      appToken,
      apiUrl,
    },
    zoom: {
      clientId: required(env, 'ZOOM_CLIENT_ID', "your Zoom app's App Credentials page, Client ID"),
      clientSecret: required(
        env,
        'ZOOM_CLIENT_SECRET',
        "your Zoom app's App Credentials page, Client Secret",
      ),
      redirectUrl: url(env, 'ZOOM_REDIRECT_URL'),
      oauthUrl: withoutTrailingSlash(url(env, 'ZOOM_OAUTH_URL', 'https://zoom.us')),
      apiUrl: withoutTrailingSlash(url(env, 'ZOOM_API_URL', 'https://api.zoom.us/v2')),
      webhookSecretToken: optional(env, 'ZOOM_WEBHOOK_SECRET_TOKEN'),
    },
    redis: redisConfig(env, redisUrl),
    tokenEncryptionKeys: keys,
    defaultTimeZone: timeZone(env, 'DEFAULT_TIMEZONE', 'Asia/Tokyo'),
    defaultLocale: oneOf(env, 'DEFAULT_LOCALE', ['ja', 'en'] as const, 'ja'),
    port: port(env, 'PORT', 3000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    pendingLinkTtlSeconds: seconds(env, 'PENDING_LINK_TTL_SECONDS', 600, { min: 1, max: 86_400 }),
    startupTimeoutSeconds: seconds(env, 'STARTUP_TIMEOUT_SECONDS', 0, { min: 0, max: 86_400 }),
  };
  if (env.problems.length > 0) throw new ConfigError(env.problems);
  return config;
}
