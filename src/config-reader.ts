/**
 * Reading settings from the environment without stopping at the first problem: each reader
 * notes what is wrong (and how to fix it) on the Reader and answers a usable fallback, so one
 * start-up names every problem at once.
 */
import { isPlaceholder, KEY_COMMAND, keyProblem } from './config-values.js';

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

export type Env = Record<string, string | undefined>;

/** Reads variables and collects what is wrong instead of stopping at the first problem. */
export class Reader {
  readonly problems: ConfigProblem[] = [];
  constructor(readonly env: Env) {}
  problem(variable: string, problem: string, fix?: string): void {
    this.problems.push(fix === undefined ? { variable, problem } : { variable, problem, fix });
  }
}

export function optional(env: Reader, name: string): string | undefined {
  const value = env.env[name]?.trim();
  return value ? value : undefined;
}

export function required(env: Reader, name: string, where?: string): string {
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

export function url(env: Reader, name: string, fallback?: string, protocols = ['https:', 'http:']): string {
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

export function encryptionKey(env: Reader, name: string, isRequired: boolean): Buffer | undefined {
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

export function timeZone(env: Reader, name: string, fallback: string): string {
  const value = optional(env, name) ?? fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
  } catch {
    env.problem(name, `is not an IANA time zone: "${value}" (e.g. Asia/Tokyo, America/New_York)`);
  }
  return value;
}

export function oneOf<T extends string>(env: Reader, name: string, allowed: readonly T[], fallback: T): T {
  const value = optional(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    env.problem(name, `must be one of ${allowed.join(', ')}; got "${value}"`);
    return fallback;
  }
  return value as T;
}

export function port(env: Reader, name: string, fallback: number): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    env.problem(name, `must be a port number from 0 to 65535; got "${value}"`);
    return fallback;
  }
  return n;
}

export function seconds(
  env: Reader,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const value = optional(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    env.problem(name, `must be a whole number of seconds from ${range.min} to ${range.max}; got "${value}"`);
    return fallback;
  }
  return n;
}

export const withTrailingSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);
export const withoutTrailingSlash = (u: string) => u.replace(/\/+$/, '');
