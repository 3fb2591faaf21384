/** Tells a user, privately, why something they asked for did not happen. */

import type { Locale } from '../../config.js';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import type { ConnectOrigin } from '../../zoom/connections.js';
import { TokenStoreError, ZoomNotConnectedError } from '../../zoom/errors.js';
import { accountLinkQuestion } from '../blocks/account-link.js';
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

/**
 * Connected, with no Zoom sign-in waiting for the user's answer (until they answer, /zoom asks
 * them first). An unreadable token record counts as not connected; Redis being down is an error,
 * not "connect again".
 */
export async function isConnected(services: SlackDeps, user: SlackUserRef): Promise<boolean> {
  const [tokens, pending] = await Promise.all([
    services.tokens.load(user).catch((err) => {
      if (err instanceof TokenStoreError) return null;
      throw err;
    }),
    services.connections.pendingLink(user),
  ]);
  return tokens !== null && pending === null;
}

/** The pending sign-in's question when there is one, else the connect prompt (bound to where they asked). */
export async function notConnectedPrompt(
  services: SlackDeps,
  user: SlackUserRef,
  locale: Locale,
  origin?: ConnectOrigin,
): Promise<PrivateMessage> {
  const pending = await services.connections.pendingLink(user);
  if (pending) {
    return accountLinkQuestion(
      locale,
      { user, linkId: pending.linkId },
      pending.zoomEmail,
      pending.expiresAt,
    );
  }
  const url = await services.connections.startConnect(user, origin);
  return connectPrompt(locale, url, messages(locale).connect.notConnected);
}
