/** Reads the bot's settings from the environment; a missing or malformed variable is named in the error. */

import type { Locale } from './scheduling/ports/types.js';

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
}

export interface RedisNode {
  host: string;
  port: number;
}

export interface RedisConfig {
  /** Scheme (`rediss:` = TLS), user and password apply to every node in cluster and Sentinel modes. */
  url: string;
  keyPrefix: string;
  /** Set: Redis Cluster with these seed nodes (REDIS_URL's host and port are ignored). */
  clusterNodes?: RedisNode[];
  /** Set: Sentinel mode; the master is looked up by `sentinelName`. */
  sentinels?: RedisNode[];
  sentinelName?: string;
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state Bolt hands the installing browser (a cookie and the query). */
  stateSecret: string;
  /** Slack's consent page, beside SLACK_API_URL (https://slack.com/oauth/v2/authorize). */
  authorizeUrl: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const KEY_HOWTO =
  "make one with: node -e \"console.log(require('crypto').randomBytes(32).toString('base64'))\"";

export function loadConfig(env: Env = process.env): Config {
  const appToken = optional(env, 'SLACK_APP_TOKEN');
  if (appToken !== undefined && !appToken.startsWith('xapp-')) {
    throw new ConfigError('SLACK_APP_TOKEN', 'must be an app-level token starting with xapp-');
  }
  const apiUrl = withTrailingSlash(url(env, 'SLACK_API_URL', 'https://slack.com/api/'));
  const { botToken, oauth } = slackAuth(env, apiUrl);

  const keys: Buffer[] = [encryptionKey(env, 'TOKEN_ENCRYPTION_KEY', true) as Buffer];
  const previous = encryptionKey(env, 'TOKEN_ENCRYPTION_KEY_PREVIOUS', false);
  if (previous) keys.push(previous);

  const redisUrl = url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']);
  return {
    slack: {
      signingSecret: required(env, 'SLACK_SIGNING_SECRET'),
      ...(botToken ? { botToken } : {}),
      ...(oauth ? { oauth } : {}),
      appToken,
      apiUrl,
    },
    zoom: {
      clientId: required(env, 'ZOOM_CLIENT_ID'),
      clientSecret: required(env, 'ZOOM_CLIENT_SECRET'),
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
  };
}

function redisConfig(env: Env, redisUrl: string): RedisConfig {
  const config: RedisConfig = { url: redisUrl, keyPrefix: optional(env, 'REDIS_KEY_PREFIX') ?? 'zoombot:' };
  const clusterNodes = nodeList(env, 'REDIS_CLUSTER_NODES');
  const sentinels = nodeList(env, 'REDIS_SENTINELS');
  const sentinelName = optional(env, 'REDIS_SENTINEL_NAME');
  if (clusterNodes && sentinels) {
    throw new ConfigError('REDIS_CLUSTER_NODES', 'and REDIS_SENTINELS cannot both be set; choose one');
  }
  if (sentinels && !sentinelName) {
    throw new ConfigError('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS (the master group name)');
  }
  if (sentinelName && !sentinels) {
    throw new ConfigError('REDIS_SENTINELS', 'is required with REDIS_SENTINEL_NAME (host:port,host:port)');
  }
  if (clusterNodes) config.clusterNodes = clusterNodes;
  if (sentinels) Object.assign(config, { sentinels, sentinelName });
  return config;
}

/** `host:port,host:port` ([v6]:port for IPv6). */
function nodeList(env: Env, name: string): RedisNode[] | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  return value.split(',').map((part) => {
    const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(part.trim());
    const portNumber = Number(match?.[3]);
    if (!match || portNumber < 1 || portNumber > 65535) {
      throw new ConfigError(name, `must be host:port,host:port; got "${part.trim()}"`);
    }
    return { host: (match[1] ?? match[2]) as string, port: portNumber };
  });
}

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const TWO_MODES =
  'SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET ' +
  'to be installed in any number of workspaces';

/** One workspace with a bot token, or OAuth installs: exactly one of the two. */
function slackAuth(env: Env, apiUrl: string): { botToken?: string; oauth?: SlackOAuthConfig } {
  const botToken = optional(env, 'SLACK_BOT_TOKEN');
  const oauthSet = OAUTH_VARIABLES.filter((name) => optional(env, name) !== undefined);
  if (botToken !== undefined && oauthSet.length > 0) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN',
      `is set together with ${oauthSet.join(', ')}; set either ${TWO_MODES}, not both`,
    );
  }
  if (botToken !== undefined) {
    if (!botToken.startsWith('xoxb-'))
      throw new ConfigError('SLACK_BOT_TOKEN', 'must be a bot token starting with xoxb-');
    return { botToken };
  }
  if (oauthSet.length === 0) throw new ConfigError('SLACK_BOT_TOKEN', `is required: set ${TWO_MODES}`);
  const missing = OAUTH_VARIABLES.find((name) => !oauthSet.includes(name));
  if (missing) {
    throw new ConfigError(
      missing,
      `is required with ${oauthSet.join(' and ')} (installs through Slack OAuth)`,
    );
  }
  const stateSecret = required(env, 'SLACK_STATE_SECRET');
  if (stateSecret.length < 16) throw new ConfigError('SLACK_STATE_SECRET', 'must be at least 16 characters');
  return {
    oauth: {
      clientId: required(env, 'SLACK_CLIENT_ID'),
      clientSecret: required(env, 'SLACK_CLIENT_SECRET'),
      stateSecret,
      authorizeUrl: new URL('../oauth/v2/authorize', apiUrl).toString(),
    },
  };
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string): string {
  const value = optional(env, name);
  if (value === undefined) throw new ConfigError(name, 'is required but not set');
  return value;
}

function url(env: Env, name: string, fallback?: string, protocols = ['https:', 'http:']): string {
  const value = fallback === undefined ? required(env, name) : (optional(env, name) ?? fallback);
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL: "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return value;
}

function encryptionKey(env: Env, name: string, isRequired: boolean): Buffer | undefined {
  const value = optional(env, name);
  if (value === undefined) {
    if (isRequired) throw new ConfigError(name, `is required (base64 of 32 random bytes); ${KEY_HOWTO}`);
    return undefined;
  }
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32 || key.toString('base64') !== value) {
    throw new ConfigError(name, `must be base64 of exactly 32 bytes; ${KEY_HOWTO}`);
  }
  return key;
}

function timeZone(env: Env, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    throw new ConfigError(name, `is not an IANA time zone: "${value}"`);
  }
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}; got "${value}"`);
  }
  return value as T;
}

function port(env: Env, name: string, fallback: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(name, `must be a port number; got "${value}"`);
  return n;
}

function seconds(env: Env, name: string, fallback: number, range: { min: number; max: number }): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw new ConfigError(
      name,
      `must be a whole number of seconds from ${range.min} to ${range.max}; got "${value}"`,
    );
  }
  return n;
}

const withTrailingSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
const withoutTrailingSlash = (u: string) => u.replace(/\/+$/, '');
