/**
 * The recording select of the scheduling form dispatches an action when it changes: the sign-in
 * choice for viewers (録画の閲覧) is shown with a cloud recording and removed with any other.
 */
import type { KnownBlock, ModalView } from '../blocks/types.js';
import type { SlackDeps } from '../deps.js';
import { decodeContext } from './metadata.js';
import { RECORDING_AUTH_BLOCK, recordingAuthBlock, SCHEDULE_CALLBACK } from './schedule-modal.js';
import { updateModalBlocks } from './view-update.js';

interface RecordingActionArgs {
  ack(): Promise<void>;
  body: { view?: ModalView & { id: string; hash: string; private_metadata?: string; callback_id?: string } };
  action: { selected_option?: { value?: string } };
  client: { views: { update(args: { view_id: string; hash: string; view: ModalView }): Promise<unknown> } };
}

export function blocksForRecording(blocks: KnownBlock[], recording: string | undefined, locale: 'ja' | 'en') {
  const rest = blocks.filter((b) => b.block_id !== RECORDING_AUTH_BLOCK);
  if (recording !== 'cloud') return rest;
  return rest.flatMap((b) => (b.block_id === 'recording' ? [b, recordingAuthBlock(locale)] : [b]));
}

export function recordingChoiceAction(services: SlackDeps) {
  return async ({ ack, body, action, client }: RecordingActionArgs): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view || view.callback_id !== SCHEDULE_CALLBACK) return;
    const ctx = decodeContext(view.private_metadata, services.profiles.defaults);
    const blocks = blocksForRecording(view.blocks as KnownBlock[], action.selected_option?.value, ctx.locale);
    await updateModalBlocks(client, view, blocks);
  };
}
