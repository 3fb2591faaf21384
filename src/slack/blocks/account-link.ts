/** The question "is this Zoom account yours?" with its two buttons (pure builder). */
import type { Locale } from '../../config.js';
import type { SlackUserRef } from '../../zoom/types.js';
import { messages } from '../i18n/index.js';
import type { PrivateMessage } from './notices.js';
import { escapeMrkdwn, truncate } from './text.js';

export const CONFIRM_ACCOUNT_ACTION = 'confirm_zoom_account';
export const REJECT_ACCOUNT_ACTION = 'reject_zoom_account';

/** What a button carries: whose pending sign-in, and which one (a newer sign-in gets a new id). */
export interface AccountLinkRef {
  user: SlackUserRef;
  linkId: string;
}

export function encodeLinkRef(ref: AccountLinkRef): string {
  return [ref.user.teamId, ref.user.userId, ref.linkId].join(':');
}

export function decodeLinkRef(value: string | undefined): AccountLinkRef | null {
  const [teamId, userId, linkId, ...rest] = (value ?? '').split(':');
  if (!teamId || !userId || !linkId || rest.length > 0) return null;
  return { user: { teamId, userId }, linkId };
}

export function accountLinkQuestion(
  locale: Locale,
  ref: AccountLinkRef,
  zoomEmail: string,
  expiresAt: number,
  now = Date.now(),
): PrivateMessage {
  const a = messages(locale).accountLink;
  const minutes = Math.max(1, Math.ceil((expiresAt - now) / 60_000));
  const text = a.question(escapeMrkdwn(zoomEmail), minutes);
  const value = encodeLinkRef(ref);
  return {
    text,
    blocks: [
      { type: 'section', block_id: 'zoom_account', text: { type: 'mrkdwn', text: truncate(text, 3000) } },
      {
        type: 'actions',
        block_id: 'zoom_account_actions',
        elements: [
          {
            type: 'button',
            action_id: CONFIRM_ACCOUNT_ACTION,
            text: { type: 'plain_text', text: a.confirm },
            style: 'primary',
            value,
          },
          {
            type: 'button',
            action_id: REJECT_ACCOUNT_ACTION,
            text: { type: 'plain_text', text: a.reject },
            style: 'danger',
            value,
          },
        ],
      },
    ],
  };
}
