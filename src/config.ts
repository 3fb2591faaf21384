/**
 * Reads the bot's settings from the environment. Every missing, malformed or placeholder value is
 * collected, so one start-up names them all, each with how to fix it.
 */

export type Locale = 'ja' | 'en';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Config {
  slack: {
    signingSecret: string;
    botToken: string;
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
  redis: { url: string; keyPrefix: string };
  /** Current key first; older keys are accepted for reading only (rotation). */
  tokenEncryptionKeys: Buffer[];
  defaultTimeZone: string;
  defaultLocale: Locale;
  port: number;
  logLevel: LogLevel;
  /** How long start-up waits for Slack and Redis before giving up (exit 69); 0: keeps trying. */
  startupTimeoutSeconds: number;
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

export const KEY_COMMAND = `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

// Values copied from .env.example or a tutorial and never filled in.
const PLACEHOLDER =
  /^(?:change[-_ ]?me|replace[-_ ]?me|fill[-_ ]?me(?:[-_ ]?in)?|your[-_ ].*|<.*>|\.\.\.|…|x{3,}|todo|tbd|placeholder|dummy|null|undefined)$/i;

function isPlaceholder(value: string, prefix = ''): boolean {
  const rest = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return rest === '' || PLACEHOLDER.test(rest);
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
  const botToken = token(env, 'SLACK_BOT_TOKEN', 'xoxb-', BOT_TOKEN_HOWTO);

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
      botToken,
      appToken,
      apiUrl: withTrailingSlash(url(env, 'SLACK_API_URL', 'https://slack.com/api/')),
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
    redis: { url: redisUrl, keyPrefix: optional(env, 'REDIS_KEY_PREFIX') ?? 'zoombot:' },
    tokenEncryptionKeys: keys,
    defaultTimeZone: timeZone(env, 'DEFAULT_TIMEZONE', 'Asia/Tokyo'),
    defaultLocale: oneOf(env, 'DEFAULT_LOCALE', ['ja', 'en'] as const, 'ja'),
    port: port(env, 'PORT', 3000),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error'] as const, 'info'),
    startupTimeoutSeconds: seconds(env, 'STARTUP_TIMEOUT_SECONDS', 0),
  };
  if (env.problems.length > 0) throw new ConfigError(env.problems);
  return config;
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

function token(env: Reader, name: string, prefix: string, howto: string): string {
  const value = optional(env, name);
  if (value === undefined) env.problem(name, `is required but not set; ${howto}`);
  else if (!value.startsWith(prefix))
    env.problem(name, `must be a bot token starting with ${prefix}; ${howto}`);
  else if (isPlaceholder(value, prefix)) env.problem(name, `is the placeholder "${value}"; ${howto}`);
  return value ?? '';
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

/** Says exactly what is wrong with a key: the alphabet, hex given for base64, or the length. */
function keyProblem(value: string): string | undefined {
  if (/^[0-9a-f]{64}$/i.test(value))
    return 'is 64 hex digits; it must be the same 32 bytes written in base64';
  const bad = [...value].findIndex((c) => !/[A-Za-z0-9+/=]/.test(c));
  if (bad >= 0) {
    const c = value[bad] as string;
    const hint = c === '-' || c === '_' ? ' (base64url; use standard base64 with + and /)' : '';
    return `has "${c}" at position ${bad + 1}, which is not a base64 character${hint}`;
  }
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32)
    return `decodes to ${key.length} bytes; it must be exactly 32 bytes (44 base64 characters)`;
  if (key.toString('base64') !== value) return 'is not canonical base64 (check the trailing "=")';
  return undefined;
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

function seconds(env: Reader, name: string, fallback: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    env.problem(name, `must be a number of seconds (0 or more); got "${value}"`);
    return fallback;
  }
  return n;
}

const withTrailingSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
const withoutTrailingSlash = (u: string) => u.replace(/\/+$/, '');
