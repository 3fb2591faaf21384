/** Re-renders an open modal with new blocks, keeping everything else it had (title, buttons, metadata). */
import type { KnownBlock, ModalView } from '../blocks/types.js';

interface OpenView {
  id: string;
  hash: string;
  callback_id?: string;
  title: unknown;
  submit?: unknown;
  close?: unknown;
  private_metadata?: string;
}

interface ViewsClient {
  views: { update(args: { view_id: string; hash: string; view: ModalView }): Promise<unknown> };
}

export async function updateModalBlocks(
  client: ViewsClient,
  view: OpenView,
  blocks: KnownBlock[],
): Promise<void> {
  const updated = {
    type: 'modal',
    callback_id: view.callback_id,
    title: view.title,
    ...(view.submit ? { submit: view.submit } : {}),
    ...(view.close ? { close: view.close } : {}),
    ...(view.private_metadata !== undefined ? { private_metadata: view.private_metadata } : {}),
    blocks,
  } as ModalView;
  // The hash makes Slack refuse the update if the view changed meanwhile (no lost edits).
  await client.views.update({ view_id: view.id, hash: view.hash, view: updated });
}
