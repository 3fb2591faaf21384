/**
 * Reads the bot's settings from the environment. Every missing, malformed or placeholder value is
 * collected, so one start-up names them all, each with how to fix it.
 */

import { isPlaceholder, KEY_COMMAND, keyProblem } from './config-values.js';
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
  /** How long start-up waits for Slack and Redis before giving up (exit 69); 0: keeps trying. */
  startupTimeoutSeconds: number;
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

/** One thing wrong with one setting, and how to put it right. */
export interface ConfigProblem {
  variable: string;
  problem: string;
  /** Lines to paste as they are (a command that makes a key, say). */
  fix?: string;
}

/** Every problem found, so one start-up shows them all. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.variable}: ${p.problem}`).join('\n'));
    this.name = 'ConfigError';
  }
  /** The first variable named (most callers and tests look at one). */
  get variable(): string {
    return this.problems[0]?.variable ?? '';
  }
}

type Env = Record<string, string | undefined>;

/** Reads variables and collects what is wrong instead of stopping at the first problem. */
class Reader {
  readonly problems: ConfigProblem[] = [];
  constructor(readonly env: Env) {}
  problem(variable: string, problem: string, fix?: string): void {
    this.problems.push(fix === undefined ? { variable, problem } : { variable, problem, fix });
  }
}

export function loadConfig(raw: Env = process.env): Config {
  const env = new Reader(raw);
  const appToken = optional(env, 'SLACK_APP_TOKEN');
  if (appToken !== undefined) {
    if (!appToken.startsWith('xapp-')) {
      env.problem(
        'SLACK_APP_TOKEN',
        'must be an app-level token starting with xapp-, or empty for HTTP mode',
      );
    } else if (isPlaceholder(appToken, 'xapp-')) {
      env.problem('SLACK_APP_TOKEN', `is the placeholder "${appToken}"; ${APP_TOKEN_HOWTO}`);
    }
  }
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

function redisConfig(env: Reader, redisUrl: string): RedisConfig {
  const config: RedisConfig = { url: redisUrl, keyPrefix: optional(env, 'REDIS_KEY_PREFIX') ?? 'zoombot:' };
  const clusterNodes = nodeList(env, 'REDIS_CLUSTER_NODES');
  const sentinels = nodeList(env, 'REDIS_SENTINELS');
  const sentinelName = optional(env, 'REDIS_SENTINEL_NAME');
  if (clusterNodes && sentinels) {
    env.problem('REDIS_CLUSTER_NODES', 'and REDIS_SENTINELS cannot both be set; choose one');
  }
  if (sentinels && !sentinelName) {
    env.problem('REDIS_SENTINEL_NAME', 'is required with REDIS_SENTINELS (the master group name)');
  }
  if (sentinelName && !sentinels) {
    env.problem('REDIS_SENTINELS', 'is required with REDIS_SENTINEL_NAME (host:port,host:port)');
  }
  if (clusterNodes) config.clusterNodes = clusterNodes;
  if (sentinels) Object.assign(config, { sentinels, sentinelName });
  return config;
}

/** `host:port,host:port` ([v6]:port for IPv6). */
function nodeList(env: Reader, name: string): RedisNode[] | undefined {
  const value = optional(env, name);
  if (value === undefined) return undefined;
  const nodes: RedisNode[] = [];
  for (const part of value.split(',')) {
    const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(part.trim());
    const portNumber = Number(match?.[3]);
    if (!match || portNumber < 1 || portNumber > 65535) {
      env.problem(name, `must be host:port,host:port; got "${part.trim()}"`);
      return undefined;
    }
    nodes.push({ host: (match[1] ?? match[2]) as string, port: portNumber });
  }
  return nodes;
}

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const TWO_MODES =
  'SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET ' +
  'to be installed in any number of workspaces';

/** One workspace with a bot token, or OAuth installs: exactly one of the two. */
function slackAuth(env: Reader, apiUrl: string): { botToken?: string; oauth?: SlackOAuthConfig } {
  const botToken = optional(env, 'SLACK_BOT_TOKEN');
  const oauthSet = OAUTH_VARIABLES.filter((name) => optional(env, name) !== undefined);
  if (botToken !== undefined && oauthSet.length > 0) {
    env.problem(
      'SLACK_BOT_TOKEN',
      `is set together with ${oauthSet.join(', ')}; set either ${TWO_MODES}, not both`,
    );
    return {};
  }
  if (botToken !== undefined) {
    if (!botToken.startsWith('xoxb-')) {
      env.problem('SLACK_BOT_TOKEN', `must be a bot token starting with xoxb-; ${BOT_TOKEN_HOWTO}`);
    } else if (isPlaceholder(botToken, 'xoxb-')) {
      env.problem('SLACK_BOT_TOKEN', `is the placeholder "${botToken}"; ${BOT_TOKEN_HOWTO}`);
    }
    return { botToken };
  }
  if (oauthSet.length === 0) {
    env.problem('SLACK_BOT_TOKEN', `is required: set ${TWO_MODES}`);
    return {};
  }
  const missing = OAUTH_VARIABLES.filter((name) => !oauthSet.includes(name));
  for (const name of missing) {
    env.problem(name, `is required with ${oauthSet.join(' and ')} (installs through Slack OAuth)`);
  }
  if (missing.length > 0) return {};
  const stateSecret = required(env, 'SLACK_STATE_SECRET');
  if (stateSecret.length < 16) env.problem('SLACK_STATE_SECRET', 'must be at least 16 characters');
  return {
    oauth: {
      clientId: required(env, 'SLACK_CLIENT_ID', "your Slack app's Basic Information page, Client ID"),
      clientSecret: required(
        env,
        'SLACK_CLIENT_SECRET',
        "your Slack app's Basic Information page, Client Secret",
      ),
      stateSecret,
      authorizeUrl: new URL('../oauth/v2/authorize', apiUrl).toString(),
    },
  };
}

const BOT_TOKEN_HOWTO =
  "paste the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page";
const APP_TOKEN_HOWTO =
  "paste an app-level token (xapp-…, scope connections:write) from your Slack app's Basic Information page, or leave it empty for HTTP mode";

function optional(env: Reader, name: string): string | undefined {
  const value = env.env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Reader, name: string, where?: string): string {
  const value = optional(env, name);
  if (value === undefined) {
    env.problem(name, `is required but not set${where ? `; copy it from ${where}` : ''}`);
    return '';
  }
  if (isPlaceholder(value)) {
    env.problem(name, `is the placeholder "${value}"${where ? `; copy the real value from ${where}` : ''}`);
  }
  return value;
}

function url(env: Reader, name: string, fallback?: string, protocols = ['https:', 'http:']): string {
  const value = fallback === undefined ? required(env, name) : (optional(env, name) ?? fallback);
  if (value === '') return value;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    env.problem(name, `is not a valid URL: "${value}"`);
    return value;
  }
  if (!protocols.includes(parsed.protocol)) {
    env.problem(name, `must use ${protocols.map((p) => `${p}//`).join(' or ')}; got "${parsed.protocol}//"`);
  }
  return value;
}

function encryptionKey(env: Reader, name: string, isRequired: boolean): Buffer | undefined {
  const value = optional(env, name);
  if (value === undefined) {
    if (isRequired) env.problem(name, 'is required: base64 of 32 random bytes. Make one with:', KEY_COMMAND);
    return undefined;
  }
  const problem = isPlaceholder(value) ? `is the placeholder "${value}"` : keyProblem(value);
  if (problem) {
    env.problem(name, `${problem}. Make a new key with:`, KEY_COMMAND);
    return undefined;
  }
  return Buffer.from(value, 'base64');
}

function timeZone(env: Reader, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    env.problem(name, `is not an IANA time zone: "${value}" (e.g. Asia/Tokyo, America/New_York)`);
  }
  return value;
}

function oneOf<T extends string>(env: Reader, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    env.problem(name, `must be one of ${allowed.join(', ')}; got "${value}"`);
    return fallback;
  }
  return value as T;
}

function port(env: Reader, name: string, fallback: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    env.problem(name, `must be a port number from 0 to 65535; got "${value}"`);
    return fallback;
  }
  return n;
}

function seconds(env: Reader, name: string, fallback: number, range: { min: number; max: number }): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    env.problem(name, `must be a whole number of seconds from ${range.min} to ${range.max}; got "${value}"`);
    return fallback;
  }
  return n;
}

const withTrailingSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
const withoutTrailingSlash = (u: string) => u.replace(/\/+$/, '');
