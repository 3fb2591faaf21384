/** Submissions of the scheduling and reschedule modals, and the live preview of `when`. */
import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';
import { isStorageTimeout } from '../../redis.js';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import type { NewMeeting } from '../../scheduling/scheduler.js';
import { failureText } from '../blocks/notices.js';
import type { KnownBlock } from '../blocks/types.js';
import type { SlackDeps } from '../deps.js';
import { messages } from '../i18n/index.js';
import {
  chosenHostLabel,
  readRescheduleForm,
  readScheduleForm,
  repeatStateOf,
  type StateValues,
} from './form.js';
import { checkHost } from './host-check.js';
import { HOST_BLOCK } from './host-choice.js';
import { decodeContext, type ModalContext } from './metadata.js';
import { recordingChoiceAction } from './recording-choice.js';
import { REPEAT_ACTIONS } from './repeat.js';
import { RESCHEDULE_CALLBACK, SCHEDULE_CALLBACK, WHEN_PREVIEW_BLOCK } from './schedule-modal.js';
import { CANCEL_SERIES_CALLBACK, readScope } from './series-scope.js';
import { updateModalBlocks } from './view-update.js';
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

/**
 * Storing the job failed. A refused connection means nothing was stored; a timed-out write may
 * still have reached Redis (and the job then runs), so the user is told it is uncertain, not "not done".
 */
async function enqueueRefusal(
  services: SlackDeps,
  ack: ViewArgs['ack'],
  blockId: string,
  ctx: ModalContext,
  marker: { scope: string; id: string },
  err: Error,
): Promise<void> {
  await services.markers.release(marker.scope, marker.id).catch(() => undefined);
  if (!isStorageTimeout(err)) return storageRefusal(services, ack, blockId, ctx, err);
  services.logger.error('submission uncertain: storage stopped answering while storing it', { error: err });
  const text = messages(ctx.locale).failures.storageUncertain;
  await ack({ response_action: 'errors', errors: { [blockId]: text } });
}

async function firstTime(services: SlackDeps, scope: string, id: string): Promise<boolean> {
  return services.markers.claim(scope, id, ONCE_TTL_SECONDS);
}

export function scheduleSubmission(services: SlackDeps) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const ctx = contextOf(services, view.private_metadata);
    const host = userOf(body);
    const values = view.state.values as StateValues;
    const form = readScheduleForm(values, ctx, host, services.now());
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    let meeting = form.meeting;
    if (meeting.forHost) {
      // Before the duplicate check: a refused form stays open and may be submitted again.
      const checked = await checkHost(services, host, meeting.forHost.zoomUserId);
      const label = chosenHostLabel(values)?.slice(0, 75);
      if (checked.status === 'refused') {
        const who = label ?? meeting.forHost.zoomUserId;
        const text = messages(ctx.locale).delegation.noPrivilege(who);
        await ack({ response_action: 'errors', errors: { [HOST_BLOCK]: text } });
        return;
      }
      if (checked.status === 'allowed') meeting = { ...meeting, forHost: checked.forHost };
      else if (label) meeting = { ...meeting, forHost: { ...meeting.forHost, label } };
    }
    const first = await firstTime(services, 'schedule-view', view.id).catch((err) => err as Error);
    if (first instanceof Error) return storageRefusal(services, ack, 'topic', ctx, first);
    if (!first) return void (await ack());
    // Private notices may still use the command's response_url, whatever channel was chosen.
    const where = whereOf({ channelId: meeting.channelId, responseUrl: ctx.responseUrl });
    const job = {
      owner: host,
      meeting: withPickerResponseUrl(meeting, body),
      where,
      locale: ctx.locale,
      ...(ctx.origin === 'home' ? { refreshHome: true } : {}),
    };
    // Stored before the answer: whichever process is alive creates it, once.
    const stored = await services.jobs
      .enqueue('create', job, { jobId: `create-${view.id}` })
      .catch((err) => err as Error);
    if (stored instanceof Error) {
      return enqueueRefusal(services, ack, 'topic', ctx, { scope: 'schedule-view', id: view.id }, stored);
    }
    await ack();
  };
}

export function rescheduleSubmission(services: SlackDeps) {
  return async ({ ack, body, view }: ViewArgs): Promise<void> => {
    const ctx = contextOf(services, view.private_metadata);
    const actor = userOf(body);
    const form = readRescheduleForm(view.state.values as StateValues, ctx, services.now());
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: form.errors });
      return;
    }
    const first = await firstTime(services, 'reschedule-view', view.id).catch((err) => err as Error);
    if (first instanceof Error) return storageRefusal(services, ack, 'when', ctx, first);
    if (!first || !ctx.meetingId) return void (await ack());
    const job = {
      owner: actor,
      meetingId: ctx.meetingId,
      change: {
        start: form.start,
        ...(form.durationMinutes ? { durationMinutes: form.durationMinutes } : {}),
        ...(form.topic !== undefined ? { topic: form.topic } : {}),
        ...(form.agenda !== undefined ? { agenda: form.agenda } : {}),
        ...(ctx.responseUrl ? { responseUrl: ctx.responseUrl } : {}),
        scope: form.scope,
      },
      where: whereOf(ctx),
      locale: ctx.locale,
      ...(ctx.origin === 'home' ? { refreshHome: true } : {}),
    };
    const stored = await services.jobs
      .enqueue('reschedule', job, { jobId: `reschedule-${view.id}` })
      .catch((err) => err as Error);
    if (stored instanceof Error) {
      return enqueueRefusal(services, ack, 'when', ctx, { scope: 'reschedule-view', id: view.id }, stored);
    }
    await ack();
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
    if (!first || !ctx.meetingId) return void (await ack());
    const job = {
      owner: actor,
      meetingId: ctx.meetingId,
      ...(ctx.responseUrl ? { responseUrl: ctx.responseUrl } : {}),
      scope,
      where: whereOf(ctx),
      locale: ctx.locale,
    };
    const stored = await services.jobs
      .enqueue('cancel', job, { jobId: `cancel-${view.id}` })
      .catch((err) => err as Error);
    if (stored instanceof Error) {
      return enqueueRefusal(services, ack, 'scope', ctx, { scope: 'cancel-view', id: view.id }, stored);
    }
    await ack();
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
    await updateModalBlocks(client, view, blocks);
  };
}

function whereOf(x: { channelId?: string; responseUrl?: string }) {
  return {
    ...(x.channelId ? { channelId: x.channelId } : {}),
    ...(x.responseUrl ? { responseUrl: x.responseUrl } : {}),
  };
}

/**
 * The channel picker's response_url (response_url_enabled) for the chosen conversation: the fallback
 * when the bot cannot post there, fresher than the command's.
 */
function withPickerResponseUrl(meeting: NewMeeting, body: ViewArgs['body']): NewMeeting {
  const urls = 'response_urls' in body ? (body.response_urls ?? []) : [];
  const picked = urls.find((u) => u.channel_id === meeting.channelId)?.response_url;
  return picked ? { ...meeting, responseUrl: picked } : meeting;
}
