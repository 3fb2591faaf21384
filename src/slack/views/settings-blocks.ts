/**
 * The form's Zoom options and recording choice, starting from the host's own Zoom defaults. When
 * Zoom's settings could not be read, a context line says so: nothing starts ticked, no recording
 * is preselected, and only what the user picks is sent (the rest stays as the host set it in Zoom).
 */
import type { Locale } from '../../config.js';
import type { AutoRecording, HostDefaults } from '../../scheduling/ports/types.js';
import { truncate } from '../blocks/text.js';
import type { KnownBlock } from '../blocks/types.js';
import { messages, type ZoomOption } from '../i18n/index.js';

export const ZOOM_OPTIONS: ZoomOption[] = [
  'host_video',
  'participant_video',
  'join_before_host',
  'mute_upon_entry',
  'waiting_room',
];
export const SETTINGS_UNREAD_BLOCK = 'zoom_settings_unread';

const plain = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, 75) });

/**
 * `preferred`: the recording the user chose as their own default in the bot (App Home), shown
 * first; it is still sent only when it differs from the host's Zoom default.
 */
export function settingsBlocks(
  locale: Locale,
  defaults: HostDefaults | undefined,
  preferred?: AutoRecording,
): KnownBlock[] {
  const m = messages(locale).modal;
  const option = (value: string, text: string) => ({ text: plain(text), value });
  const options = ZOOM_OPTIONS.map((o) => option(o, m.option[o]));
  const ticked = options.filter((o) => defaults?.options[o.value as ZoomOption] === true);
  const recordingOptions = [
    option('none', m.recordingNone),
    option('local', m.recordingLocal),
    option('cloud', m.recordingCloud),
  ];
  const recording = recordingOptions.find((o) => o.value === (preferred ?? defaults?.recording));
  return [
    ...(defaults
      ? []
      : [
          {
            type: 'context',
            block_id: SETTINGS_UNREAD_BLOCK,
            elements: [{ type: 'mrkdwn', text: m.settingsUnread }],
          } as KnownBlock,
        ]),
    {
      type: 'input',
      block_id: 'options',
      optional: true,
      label: plain(m.options),
      element: {
        type: 'checkboxes',
        action_id: 'options',
        options,
        ...(ticked.length > 0 ? { initial_options: ticked } : {}),
      },
    },
    {
      type: 'input',
      block_id: 'recording',
      // Without the host's default, leaving it unpicked keeps whatever Zoom is set to.
      optional: recording === undefined,
      label: plain(m.recording),
      element: {
        type: 'radio_buttons',
        action_id: 'recording',
        options: recordingOptions,
        ...(recording ? { initial_option: recording } : {}),
      },
    },
  ];
}
