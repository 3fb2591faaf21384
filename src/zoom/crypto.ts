/**
 * AES-256-GCM sealing of small records kept in Redis. A sealed value reads
 * `zb1.<key id>.<base64url(iv | tag | ciphertext)>`: the key id (a fingerprint of the key, not the
 * key) picks the right key during a rotation, and the associated data binds a value to the place it
 * was written for, so a value copied under another user's key does not open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'zb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type OpenFailure = 'format' | 'unknown_key' | 'tampered';

export class SealError extends Error {
  constructor(readonly reason: OpenFailure) {
    super(
      reason === 'format'
        ? 'value is not in the sealed format'
        : reason === 'unknown_key'
          ? 'value was sealed with a key that is not configured'
          : 'value does not decrypt (tampered, or sealed for another record)',
    );
    this.name = 'SealError';
  }
}

export class Sealer {
  private readonly keys: { id: string; key: Buffer }[];

  /** `keys`: current key first (used to seal), older keys after it (only used to open). */
  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error('at least one encryption key is required');
    this.keys = keys.map((key) => {
      if (key.length !== 32) throw new Error('encryption keys must be 32 bytes');
      return { id: keyId(key), key };
    });
  }

  seal(plaintext: string, associatedData: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `${VERSION}.${id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** Throws SealError. */
  open(sealed: string, associatedData: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION || !/^[A-Za-z0-9_-]+$/.test(parts[2] ?? '')) {
      throw new SealError('format');
    }
    const entry = this.keys.find((k) => k.id === parts[1]);
    if (!entry) throw new SealError('unknown_key');
    const raw = Buffer.from(parts[2]!, 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new SealError('format');
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SealError('tampered');
    }
  }

  /** True when `sealed` was made with an older key (re-seal on the next write). */
  isStale(sealed: string): boolean {
    return !sealed.startsWith(`${VERSION}.${this.keys[0]!.id}.`);
  }
}

/** First 8 bytes of SHA-256 over a label and the key: identifies the key without revealing it. */
function keyId(key: Buffer): string {
  return createHash('sha256').update('zoombot-token-key:').update(key).digest('base64url').slice(0, 11);
}
