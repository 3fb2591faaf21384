/** Interactivity payload parts as Slack sends them, built from the views the bot opened. */

export interface FormValues {
  topic?: string;
  when?: string;
  durationMinutes?: number;
  agenda?: string;
  channelId?: string;
  options?: string[];
  recording?: 'none' | 'local' | 'cloud';
  recordingAuthentication?: boolean;
  /** The repeat fields (scheduling form); unset ones keep the view's initial values, null empties them. */
  repeat?: string;
  repeatCount?: number | null;
  repeatUntil?: string | null;
  /** Reschedule or cancel of a series: which meetings (the view's initial choice when unset). */
  scope?: 'occurrence' | 'series';
  /** The reminder select's value: 'none' or minutes (the view's initial option when unset). */
  reminder?: string;
  /** Slack user ids picked in `invitees` (the view's initial users when unset). */
  invitees?: string[];
  /** The `host` select's value: 'me' or a Zoom user id (the view's initial option when unset). */
  host?: string;
}

/** The `view.state.values` Slack would send for `view`, with `values` typed into it. */
export function stateValues(
  view: Record<string, unknown>,
  values: FormValues,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  const blocks = (view.blocks as Record<string, unknown>[]) ?? [];
  for (const block of blocks) {
    if (block.type !== 'input') continue;
    const id = block.block_id as string;
    const element = block.element as Record<string, unknown>;
    const initialOption = element.initial_option as { value: string } | undefined;
    switch (id) {
      case 'topic':
      case 'when':
      case 'agenda': {
        const typed = values[id];
        out[id] = {
          [id]: { type: 'plain_text_input', value: typed ?? (element.initial_value as string) ?? null },
        };
        break;
      }
      case 'duration': {
        const value =
          values.durationMinutes !== undefined ? String(values.durationMinutes) : initialOption?.value;
        out[id] = {
          [id]: {
            type: 'static_select',
            selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
          },
        };
        break;
      }
      case 'channel':
        out[id] = {
          [id]: {
            type: 'conversations_select',
            selected_conversation: values.channelId ?? element.initial_conversation ?? null,
          },
        };
        break;
      case 'options': {
        // Untouched checkboxes come back with their initial options, as Slack sends them.
        const initial = ((element.initial_options as { value: string }[] | undefined) ?? []).map(
          (o) => o.value,
        );
        out[id] = {
          [id]: {
            type: 'checkboxes',
            selected_options: (values.options ?? initial).map((value) => ({ value })),
          },
        };
        break;
      }
      case 'recording':
        out[id] = {
          [id]: {
            type: 'radio_buttons',
            selected_option:
              (values.recording ?? initialOption?.value)
                ? { value: values.recording ?? initialOption?.value }
                : null,
          },
        };
        break;
      case 'recording_auth':
        out[id] = {
          [id]: {
            type: 'checkboxes',
            selected_options: values.recordingAuthentication ? [{ value: 'recording_authentication' }] : [],
          },
        };
        break;
      case 'scope':
        out[id] = {
          [id]: {
            type: 'radio_buttons',
            selected_option: { value: values.scope ?? initialOption?.value ?? 'occurrence' },
          },
        };
        break;
      case 'repeat': {
        const value = values.repeat ?? initialOption?.value ?? 'none';
        out[id] = {
          [id]: {
            type: 'static_select',
            selected_option: { value, text: { type: 'plain_text', text: value } },
          },
        };
        break;
      }
      case 'repeat_count': {
        const typed = values.repeatCount === undefined ? element.initial_value : values.repeatCount;
        out[id] = {
          [id]: { type: 'number_input', value: typed === null || typed === undefined ? null : String(typed) },
        };
        break;
      }
      case 'repeat_until': {
        const picked = values.repeatUntil === undefined ? element.initial_date : values.repeatUntil;
        out[id] = { [id]: { type: 'datepicker', selected_date: picked ?? null } };
        break;
      }
      case 'reminder': {
        const value = values.reminder ?? initialOption?.value;
        out[id] = {
          [id]: {
            type: 'static_select',
            selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null,
          },
        };
        break;
      }
      case 'host': {
        // Slack sends the chosen option whole (text and value), as the view listed it.
        const options = (element.options as { value: string; text: unknown }[] | undefined) ?? [];
        const value = values.host ?? initialOption?.value;
        const option =
          options.find((o) => o.value === value) ??
          (value ? { value, text: { type: 'plain_text', text: value } } : null);
        out[id] = { [id]: { type: 'static_select', selected_option: option } };
        break;
      }
      case 'invitees':
        out[id] = {
          [id]: {
            type: 'multi_users_select',
            selected_users: values.invitees ?? (element.initial_users as string[] | undefined) ?? [],
          },
        };
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * The view_submission's `response_urls`: Slack adds one for each conversations_select /
 * channels_select set to `response_url_enabled` with a conversation chosen (else the list is empty).
 * https://api.slack.com/surfaces/modals#modal_response_url
 */
export function responseUrlsOf(
  view: Record<string, unknown>,
  state: Record<string, Record<string, unknown>>,
  issue: (id: string) => string,
): { block_id: string; action_id: string; channel_id: string; response_url: string }[] {
  const blocks = (view.blocks ?? []) as {
    type?: string;
    block_id?: string;
    element?: Record<string, unknown>;
  }[];
  return blocks.flatMap((block) => {
    const element = block.element;
    if (block.type !== 'input' || !element?.response_url_enabled || !block.block_id) return [];
    const actionId = String(element.action_id);
    const picked = state[block.block_id]?.[actionId] as
      | { selected_conversation?: string | null; selected_channel?: string | null }
      | undefined;
    const channel = picked?.selected_conversation ?? picked?.selected_channel;
    if (!channel) return [];
    return [
      {
        block_id: block.block_id,
        action_id: actionId,
        channel_id: channel,
        response_url: issue(`view-${channel}`),
      },
    ];
  });
}
