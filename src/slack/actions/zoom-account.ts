/**
 * The answers to "is this Zoom account yours?": only the Slack user the sign-in was made for can
 * answer, and only for that one pending sign-in; anyone else's click changes nothing.
 */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  SlackActionMiddlewareArgs,
} from '@slack/bolt';
import type { Completed, LinkDecision } from '../../zoom/connections.js';
import {
  accountLinkQuestion,
  CONFIRM_ACCOUNT_ACTION,
  decodeLinkRef,
  REJECT_ACCOUNT_ACTION,
} from '../blocks/account-link.js';
import { failureText, notice } from '../blocks/notices.js';
import { escapeMrkdwn } from '../blocks/text.js';
import type { SlackDeps } from '../deps.js';
import { messages } from '../i18n/index.js';
import { quickProfile } from '../quick-profile.js';

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function register(app: App, services: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(CONFIRM_ACCOUNT_ACTION, answer(services, 'confirm'));
  app.action<BlockAction<ButtonAction>>(REJECT_ACCOUNT_ACTION, answer(services, 'reject'));
}

/** Asks the Slack user where they typed /zoom connect (ephemeral there, else its response_url), else in a DM. */
export async function askAccountOwner(
  services: Pick<SlackDeps, 'profiles' | 'announcer'>,
  pending: Extract<Completed, { outcome: 'pending' }>,
): Promise<void> {
  const { locale } = await services.profiles.get(pending.user);
  const question = accountLinkQuestion(
    locale,
    { user: pending.user, linkId: pending.linkId },
    pending.zoomEmail,
    pending.expiresAt,
  );
  if (pending.origin) await services.announcer.tellUser(pending.user, pending.origin, question);
  else await services.announcer.directMessage(pending.user, question);
}

function answer(services: SlackDeps, choice: 'confirm' | 'reject') {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const { profile } = await quickProfile(services.profiles, actor);
    const t = messages(profile.locale);
    const ref = decodeLinkRef(action.value);
    const isOwner = ref !== null && ref.user.teamId === actor.teamId && ref.user.userId === actor.userId;
    if (!ref || !isOwner) {
      const text = ref ? t.accountLink.notYours(ref.user.userId) : t.accountLink.gone;
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice(text) });
      return;
    }
    let text: string;
    try {
      const decision =
        choice === 'confirm'
          ? await services.connections.confirmLink(actor, ref.linkId)
          : await services.connections.rejectLink(actor, ref.linkId);
      text = decisionText(t.accountLink, decision);
    } catch (err) {
      services.logger.warn(`Zoom account ${choice} failed`, { error: err });
      text = failureText(profile.locale, err);
      await respond({ response_type: 'ephemeral', replace_original: false, ...notice(text) });
      return;
    }
    // The question is answered: it is replaced by the outcome, so its buttons are gone.
    await respond({ response_type: 'ephemeral', replace_original: true, ...notice(text) });
  };
}

function decisionText(a: ReturnType<typeof messages>['accountLink'], decision: LinkDecision): string {
  if (decision.outcome === 'gone') return a.gone;
  const email = escapeMrkdwn(decision.zoomEmail);
  if (decision.outcome === 'connected') return a.confirmed(email);
  if (decision.outcome === 'rejected') return a.rejected(email);
  return a.expired(email);
}
