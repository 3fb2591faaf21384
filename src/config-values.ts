/** What makes a setting's value wrong beyond being empty: a placeholder, or a key that is not one. */

export const KEY_COMMAND = `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`;

// Values copied from .env.example or a tutorial and never filled in.
const PLACEHOLDER =
  /^(?:change[-_ ]?me|replace[-_ ]?me|fill[-_ ]?me(?:[-_ ]?in)?|your[-_ ].*|<.*>|\.\.\.|…|x{3,}|todo|tbd|placeholder|dummy|null|undefined)$/i;

export function isPlaceholder(value: string, prefix = ''): boolean {
  const rest = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return rest === '' || PLACEHOLDER.test(rest);
}

/** Says exactly what is wrong with a key: the alphabet, hex given for base64, or the length. */
export function keyProblem(value: string): string | undefined {
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
