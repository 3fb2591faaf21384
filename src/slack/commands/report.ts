/** Tells a user, privately, why something they asked for did not happen. */

import type { Locale } from '../../config.js';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import { TokenStoreError, ZoomNotConnectedError } from '../../zoom/errors.js';
import { connectPrompt, failureText, notice, type PrivateMessage } from '../blocks/notices.js';
import type { SlackDeps } from '../deps.js';
import { messages } from '../i18n/index.js';

export async function failureMessage(
  services: Pick<SlackDeps, 'connections'>,
  user: SlackUserRef,
  locale: Locale,
  err: unknown,
): Promise<PrivateMessage> {
  if (err instanceof ZoomNotConnectedError) {
    const url = await services.connections.startConnect(user).catch(() => undefined);
    const text = messages(locale).failures.notConnected;
    return url ? connectPrompt(locale, url, text) : notice(text);
  }
  return notice(failureText(locale, err));
}

/** An unreadable token record counts as not connected; Redis being down is an error, not "connect again". */
export async function isConnected(services: SlackDeps, user: SlackUserRef): Promise<boolean> {
  const tokens = await services.tokens.load(user).catch((err) => {
    if (err instanceof TokenStoreError) return null;
    throw err;
  });
  return tokens !== null;
}

export async function notConnectedPrompt(
  services: SlackDeps,
  user: SlackUserRef,
  locale: Locale,
): Promise<PrivateMessage> {
  const url = await services.connections.startConnect(user);
  return connectPrompt(locale, url, messages(locale).connect.notConnected);
}
