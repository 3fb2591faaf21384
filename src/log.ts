/**
 * A small JSON-lines logger that also serves as Bolt's logger. Every line passes through
 * `redact`, so a token, secret or start_url that slips into a log call is masked, not printed.
 */
import type { LogLevel } from './config.js';

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_KEYS =
  /token|secret|password|passcode|authorization|start_url|response_url|code_verifier|verifier|signature|cookie|zak|encrypted/i;
const SECRET_PATTERNS: RegExp[] = [
  /\bxox[abposr]-[A-Za-z0-9-]+/g, // Slack tokens
  /\bxapp-[A-Za-z0-9-]+/g,
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi,
  /\bBasic\s+[A-Za-z0-9+/=]{8,}/gi,
  /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, // JWTs (Zoom access/refresh tokens)
  /https:\/\/hooks\.slack(?:-gov)?\.com\/[^\s"'<>|\\]+/g, // response_url: posts to the channel for 30 minutes
  /([?&](?:zak|access_token|refresh_token|code|code_verifier|pwd|state)=)[^&\s"']+/gi,
];

export function redactString(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]',
    );
  }
  return out;
}

/** Deep copy with secret-looking keys masked and secret-looking substrings removed. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[depth]';
  if (typeof value === 'string') return redactString(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactString(value.message),
      ...(redact({ ...value }, depth + 1) as object),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_KEYS.test(key) && v !== undefined && v !== null ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
}

export type LogSink = (line: string) => void;

export function createLogger(
  level: LogLevel = 'info',
  sink: LogSink = (l) => process.stdout.write(`${l}\n`),
): Logger {
  let current = level;
  let name = 'zoombot';
  const write = (at: LogLevel, msg: unknown[]) => {
    if (LEVELS[at] < LEVELS[current]) return;
    const parts = msg.map((m) => redact(m));
    const text = parts.filter((p) => typeof p === 'string').join(' ');
    const fields = parts.filter((p) => typeof p !== 'string');
    const line: Record<string, unknown> = { time: new Date().toISOString(), level: at, name, msg: text };
    if (fields.length === 1) line.data = fields[0];
    else if (fields.length > 1) line.data = fields;
    sink(JSON.stringify(line));
  };
  return {
    debug: (...m) => write('debug', m),
    info: (...m) => write('info', m),
    warn: (...m) => write('warn', m),
    error: (...m) => write('error', m),
    setLevel: (l) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n) => {
      name = n;
    },
  };
}
