/** Submissions of the scheduling and reschedule modals, and the live preview of `when`. */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import { failureText, notice } from '../blocks/notices.js';
import { escapeMrkdwn, slackDate } from '../blocks/text.js';
import type { KnownBlock, ModalView } from '../blocks/types.js';
import { failureMessage, reportCreateFailure } from '../commands/report.js';
import type { SlackDeps } from '../deps.js';
import { publishHome } from '../home/app-home.js';
import { messages } from '../i18n/index.js';
import { readRescheduleForm, readScheduleForm, repeatStateOf, type StateValues } from './form.js';
import { decodeContext, type ModalContext } from './metadata.js';
import { recordingChoiceAction } from './recording-choice.js';
import { REPEAT_ACTIONS } from './repeat.js';
import { RESCHEDULE_CALLBACK, SCHEDULE_CALLBACK, WHEN_PREVIEW_BLOCK } from './schedule-modal.js';
import { CANCEL_SERIES_CALLBACK, readScope } from './series-scope.js';
import { whenPreview } from './when.js';

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;
type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** A view id is accepted once: a double click or a redelivery must not create a second meeting. */
const ONCE_TTL_SECONDS = 3600;

export function register(app: App, services: SlackDeps): void {
  app.view(SCHEDULE_CALLBACK, scheduleSubmission(services));
  app.view(RESCHEDULE_CALLBACK, rescheduleSubmission(services));
  app.view(CANCEL_SERIES_CALLBACK, cancelSeriesSubmission(services));
  app.action({ type: 'block_actions', action_id: 'when' }, whenPreviewAction(services));
  app.action(
    { type: 'block_actions', action_id: 'recording' },
    recordingChoiceAction(services) as unknown as Parameters<typeof app.action>[1],
  );
  for (const actionId of REPEAT_ACTIONS) {
    app.action({ type: 'block_actions', action_id: actionId }, whenPreviewAction(services));
  }
}

function userOf(body: ViewArgs['body'] | ActionArgs['body']): SlackUserRef {
  return { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
}

function contextOf(services: SlackDeps, metadata: string | undefined): ModalContext {
  return decodeContext(metadata, services.profiles.defaults);
}

/**
 * Redis could not say whether this submission was seen before: keep the modal open with the reason
 * on one field, so the user can submit again once it is back (nothing was sent to Zoom).
 */
async function storageRefusal(
  services: SlackDeps,
  ack: ViewArgs['ack'],
  blockId: string,
  ctx: ModalContext,
  err: Error,
): Promise<void> {
  services.logger.error('submission refused: storage unavailable', { error: err });
  await ack({ response_action: 'errors', errors: { [blockId]: failureText(ctx.locale, err) } });
}

async function firstTime(services: SlackDeps, scope: string, id: string): Promise<boolean> {
  return services.markers.claim(scope, id, ONCE_TTL_SECONDS);
}

export function scheduleSubmission(services: SlackDeps) {
  return async ({ ack, body, view, client }: ViewArgs): Promise<void> => {
    const ctx = contextOf(services, view.private_metadata);
    const host = userOf(body);
    const form = readScheduleForm(view.state.values as StateValues, ctx, host, services.now());
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const first = await firstTime(services, 'schedule-view', view.id).catch((err) => err as Error);
    if (first instanceof Error) return storageRefusal(services, ack, 'topic', ctx, first);
    await ack();
    if (!first) return;
    services.background.run('create meeting', async () => {
      try {
        const created = await services.scheduler.create(form.meeting);
        if (created.recordingAuthenticationFailed) {
          const text = messages(ctx.locale).failuresExtra.recordingAuthNotApplied;
          await services.announcer.tellUser(host, whereFor(created.record), notice(text));
        }
      } catch (err) {
        // Private notices may still use the command's response_url, whatever channel was chosen.
        const where = whereOf({ channelId: form.meeting.channelId, responseUrl: ctx.responseUrl });
        await reportCreateFailure(services, host, ctx.locale, where, err);
      }
      if (ctx.origin === 'home') await publishHome(services, client, host);
    });
  };
}

export function rescheduleSubmission(services: SlackDeps) {
  return async ({ ack, body, view, client }: ViewArgs): Promise<void> => {
    const ctx = contextOf(services, view.private_metadata);
    const actor = userOf(body);
    const form = readRescheduleForm(view.state.values as StateValues, ctx, services.now());
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const first = await firstTime(services, 'reschedule-view', view.id).catch((err) => err as Error);
    if (first instanceof Error) return storageRefusal(services, ack, 'when', ctx, first);
    await ack();
    if (!first || !ctx.meetingId) return;
    const meetingId = ctx.meetingId;
    const where = whereOf(ctx);
    const t = messages(ctx.locale);
    services.background.run('reschedule meeting', async () => {
      try {
        const result = await services.scheduler.reschedule(actor, meetingId, {
          start: form.start,
          ...(form.durationMinutes ? { durationMinutes: form.durationMinutes } : {}),
          ...(form.topic !== undefined ? { topic: form.topic } : {}),
          ...(form.agenda !== undefined ? { agenda: form.agenda } : {}),
          ...(ctx.responseUrl ? { responseUrl: ctx.responseUrl } : {}),
          scope: form.scope,
        });
        const topic = result.ok || result.reason !== 'unknown' ? escapeMrkdwn(result.record.topic) : '';
        let text: string;
        if (result.ok && result.unchanged) text = t.actions.unchanged(topic);
        else if (result.ok && result.record.startInstant === result.fromInstant)
          text = t.actions.edited(topic);
        else if (result.ok) {
          text = t.actions.rescheduled(topic, slackDate(form.start.instant, form.start.timeZone, ctx.locale));
        } else if (result.reason === 'not_host')
          text = t.actions.onlyHost(result.record.host.userId, 'reschedule');
        else if (result.reason === 'deleted') text = t.actions.alreadyDeleted(topic);
        else if (result.reason === 'not_scheduled') text = t.actions.notScheduled;
        else text = t.actions.unknownMeeting;
        await services.announcer.tellUser(actor, where, notice(text));
      } catch (err) {
        services.logger.warn('meeting not rescheduled', { meetingId, error: err });
        await services.announcer.tellUser(
          actor,
          where,
          await failureMessage(services, actor, ctx.locale, err),
        );
      }
      if (ctx.origin === 'home') await publishHome(services, client, actor);
    });
  };
}

/** The cancel form of a series: the occurrence shown, or the whole series. */
export function cancelSeriesSubmission(services: SlackDeps) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const ctx = contextOf(services, view.private_metadata);
    const actor = userOf(body);
    const scope = readScope(view.state.values as StateValues);
    const first = await firstTime(services, 'cancel-view', view.id).catch((err) => err as Error);
    if (first instanceof Error) return storageRefusal(services, ack, 'scope', ctx, first);
    await ack();
    if (!first || !ctx.meetingId) return;
    const meetingId = ctx.meetingId;
    const where = whereOf(ctx);
    const t = messages(ctx.locale);
    services.background.run('cancel meeting', async () => {
      try {
        const result = await services.scheduler.cancel(actor, meetingId, {
          ...(ctx.responseUrl ? { responseUrl: ctx.responseUrl } : {}),
          scope,
        });
        let text: string;
        if (result.ok) {
          const topic = escapeMrkdwn(result.record.topic);
          if (result.cancelledInstant && result.record.status === 'scheduled') {
            const date = slackDate(result.cancelledInstant, result.record.timeZone, ctx.locale);
            text = t.repeat.occurrenceCancelled(topic, date);
          } else text = result.alreadyDeleted ? t.actions.alreadyDeleted(topic) : t.actions.cancelled(topic);
        } else if (result.reason === 'not_host')
          text = t.actions.onlyHost(result.record.host.userId, 'cancel');
        else if (result.reason === 'unknown') text = t.actions.unknownMeeting;
        else text = t.actions.notScheduled;
        await services.announcer.tellUser(actor, where, notice(text));
      } catch (err) {
        services.logger.warn('meeting not cancelled', { meetingId, error: err });
        await services.announcer.tellUser(
          actor,
          where,
          await failureMessage(services, actor, ctx.locale, err),
        );
      }
    });
  };
}

/** Enter in `when` (or a change of the repeat fields) re-renders the line under it with what the form now says. */
export function whenPreviewAction(services: SlackDeps) {
  return async ({ ack, body, client }: ActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view) return;
    const ctx = contextOf(services, view.private_metadata);
    const values = view.state.values as StateValues;
    const text = values.when?.when?.value ?? '';
    const selected = Number(values.duration?.duration?.selected_option?.value);
    const preview = whenPreview(text, ctx.timeZone, ctx.locale, services.now(), repeatStateOf(values), {
      ...(Number.isInteger(selected) && selected > 0 ? { selected } : {}),
      ...(ctx.openedDuration ? { opened: ctx.openedDuration } : {}),
    });
    const blocks = (view.blocks as KnownBlock[]).map((block) =>
      block.block_id === WHEN_PREVIEW_BLOCK
        ? ({
            type: 'context',
            block_id: WHEN_PREVIEW_BLOCK,
            elements: [{ type: 'mrkdwn', text: preview }],
          } as KnownBlock)
        : block,
    );
    const updated = {
      type: 'modal',
      callback_id: view.callback_id,
      title: view.title,
      ...(view.submit ? { submit: view.submit } : {}),
      ...(view.close ? { close: view.close } : {}),
      private_metadata: view.private_metadata,
      blocks,
    } as ModalView;
    await client.views.update({ view_id: view.id, hash: view.hash, view: updated });
  };
}

function whereOf(x: { channelId?: string; responseUrl?: string }) {
  return {
    ...(x.channelId ? { channelId: x.channelId } : {}),
    ...(x.responseUrl ? { responseUrl: x.responseUrl } : {}),
  };
}

function whereFor(record: { channelId: string; responseUrl?: string; messageTs?: string }) {
  return record.messageTs ? { channelId: record.channelId } : whereOf(record);
}
