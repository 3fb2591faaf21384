/**
 * The bot's logger (pino, JSON lines), also serving as Bolt's and Slack's WebClient's logger. Call
 * sites write `logger.warn('message', { fields })`; strings form `msg`, objects become fields, and
 * errors (given alone or as a field) pass through the error serializer of log-redact.ts. Every
 * line is scrubbed twice: pino's `redact` paths mask known secret fields, and the log formatter
 * masks secret-named keys at any depth and secret-shaped text in every string.
 */
import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';
import type { LogLevel } from './config.js';
import { CENSOR, redact, redactString, serializeError } from './log-redact.js';

export { redact, redactString, serializeError } from './log-redact.js';

export interface Logger {
  debug(...msg: unknown[]): void;
  info(...msg: unknown[]): void;
  warn(...msg: unknown[]): void;
  error(...msg: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
  /** A logger whose lines all carry `bindings` (e.g. `{ component: 'webhook' }`). */
  child(bindings: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

/** Known places of secrets, masked by pino before anything else looks at the line. */
const REDACT_PATHS = [
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'start_url',
  'startUrl',
  'response_url',
  'responseUrl',
  'zak',
  'code_verifier',
  'client_secret',
  'headers.authorization',
  'headers.Authorization',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.start_url',
  '*.response_url',
  '*.responseUrl',
  '*.headers.authorization',
  '*.headers.Authorization',
];

class BotLogger implements Logger {
  private inner: PinoLogger;

  constructor(
    private readonly parent: PinoLogger,
    private bindings: Record<string, unknown>,
  ) {
    this.inner = parent.child(bindings);
  }

  debug(...msg: unknown[]): void {
    this.write('debug', msg);
  }
  info(...msg: unknown[]): void {
    this.write('info', msg);
  }
  warn(...msg: unknown[]): void {
    this.write('warn', msg);
  }
  error(...msg: unknown[]): void {
    this.write('error', msg);
  }

  setLevel(level: LogLevel): void {
    this.inner.level = level;
  }
  getLevel(): LogLevel {
    return this.inner.level as LogLevel;
  }
  setName(name: string): void {
    const level = this.inner.level;
    this.bindings = { ...this.bindings, name };
    this.inner = this.parent.child(this.bindings);
    this.inner.level = level;
  }
  child(bindings: Record<string, unknown>): Logger {
    const child = new BotLogger(this.inner, redact(bindings) as Record<string, unknown>);
    child.setLevel(this.getLevel());
    return child;
  }

  private write(level: LogLevel, msg: unknown[]): void {
    if (!this.inner.isLevelEnabled(level)) return;
    const words: string[] = [];
    const fields: Record<string, unknown> = {};
    let errors = 0;
    let firstError: Error | undefined;
    for (const part of msg) {
      if (typeof part === 'string') words.push(part);
      else if (part instanceof Error) {
        firstError ??= part;
        fields[errors++ === 0 ? 'err' : `err${errors}`] = part;
      } else if (part && typeof part === 'object' && !Array.isArray(part)) Object.assign(fields, part);
      else if (part !== undefined) words.push(String(part));
    }
    // Always a string: left undefined, pino would copy the raw (unscrubbed) error message.
    const text = words.length > 0 ? words.join(' ') : (firstError?.message ?? '');
    this.inner[level](fields, redactString(text));
  }
}

const serializeIfError = (value: unknown) => (value instanceof Error ? serializeError(value) : value);

/** `sink` receives each line without its newline (tests keep them); by default lines go to stdout. */
export function createLogger(level: LogLevel = 'info', sink?: LogSink): Logger {
  const destination: DestinationStream | undefined = sink
    ? { write: (line: string) => sink(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : undefined;
  const options = {
    level,
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    // The formatter below has serialized errors already; these catch any that reach pino directly.
    serializers: { err: serializeIfError, error: serializeIfError },
    formatters: {
      level: (label: string) => ({ level: label }),
      // Runs before serializers and redact paths: masks secret keys at any depth, scrubs strings.
      log: (object: Record<string, unknown>) => redact(object) as Record<string, unknown>,
    },
  };
  const root = destination ? pino(options, destination) : pino(options, pino.destination({ sync: true }));
  return new BotLogger(root, { name: 'zoombot' });
}
