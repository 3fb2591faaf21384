/**
 * The form starts from the host's own Zoom settings (GET /users/me/settings), and a create sends
 * only what the user changed, so a host's waiting room or cloud recording is never switched off
 * by scheduling from Slack. Through the real receiver, with the fake Zoom recording each create.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

type Block = {
  block_id?: string;
  type: string;
  optional?: boolean;
  elements?: { text?: string }[];
  element?: { initial_options?: { value: string }[]; initial_option?: { value: string } };
};

let n = 0;
async function openForm(userId: string, text = 'Design review') {
  n += 1;
  const triggerId = `defaults-${n}`;
  const res = await h.command(text, { userId, triggerId });
  assert.equal(res.status, 200);
  await h.settle();
  const view = h.openedView(triggerId);
  const blocks = view.blocks as Block[];
  const block = (id: string) => blocks.find((b) => b.block_id === id);
  return { view, blocks, block };
}

async function submit(view: Record<string, unknown>, userId: string, values: Record<string, unknown>) {
  const res = await h.interact(
    h.submission(view, { topic: 'Design review', when: 'tomorrow 15:00', ...values }, { user: { userId } }),
  );
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  await h.settle();
  const create = h.zoom.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/meetings')).at(-1);
  return create?.body as { settings?: Record<string, unknown> } | undefined;
}

const settingsReads = () => h.zoom.requests.filter((r) => r.path.endsWith('/users/me/settings')).length;

describe("the host's Zoom defaults", () => {
  test('waiting room on, host video off, cloud recording: the form starts that way, and an unchanged submit sends none of them', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UHOSTDEF' });
    h.zoom.setUserSettings(zoomUserId, {
      schedule_meeting: { host_video: false, participants_video: true, join_before_host: false },
      in_meeting: { waiting_room: true },
      recording: { auto_recording: 'cloud' },
    });
    const reads = settingsReads();
    const { view, block } = await openForm('UHOSTDEF');
    assert.equal(settingsReads(), reads + 1);
    const ticked = block('options')?.element?.initial_options?.map((o) => o.value);
    assert.deepEqual(ticked, ['participant_video', 'waiting_room']);
    assert.equal(block('recording')?.element?.initial_option?.value, 'cloud');
    assert.equal(block('zoom_settings_unread'), undefined);

    const body = await submit(view, 'UHOSTDEF', {});
    assert.ok(body, 'the meeting was created');
    // Nothing was changed, so nothing is sent: Zoom applies the host's own settings.
    assert.equal(body.settings, undefined);
    const meeting = [...h.zoom.meetings.values()].at(-1);
    assert.equal(meeting?.settings?.waiting_room, true);
    assert.equal(meeting?.settings?.host_video, false);
    assert.equal(meeting?.settings?.auto_recording, 'cloud');
    // The record says what Zoom applied.
    const record = await h.services.meetings.get(String(meeting?.id));
    assert.equal(record?.recording, 'cloud');
  });

  test('only what the user changed is sent, each as they set it', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UHOSTCHG' });
    h.zoom.setUserSettings(zoomUserId, {
      schedule_meeting: { host_video: false },
      in_meeting: { waiting_room: true },
      recording: { auto_recording: 'cloud' },
    });
    const { view } = await openForm('UHOSTCHG');
    // Host video ticked, waiting room unticked, mute (no Zoom default) ticked, recording to none.
    const body = await submit(view, 'UHOSTCHG', {
      options: ['host_video', 'participant_video', 'mute_upon_entry'],
      recording: 'none',
    });
    assert.deepEqual(body?.settings, {
      host_video: true,
      mute_upon_entry: true,
      waiting_room: false,
      auto_recording: 'none',
    });
    assert.deepEqual(h.zoom.schemaErrors, []);
  });

  test('the settings are cached for a few minutes: a second form asks Zoom nothing', async () => {
    await h.connect({ userId: 'UHOSTCACHE' });
    await openForm('UHOSTCACHE');
    const reads = settingsReads();
    await openForm('UHOSTCACHE');
    assert.equal(settingsReads(), reads);
  });

  test('connecting another Zoom account drops the cached defaults of the old one', async () => {
    const first = await h.connect({ userId: 'UHOSTSWITCH' });
    h.zoom.setUserSettings(first.zoomUserId, { in_meeting: { waiting_room: true } });
    const before = await openForm('UHOSTSWITCH');
    assert.ok(before.block('options')?.element?.initial_options?.some((o) => o.value === 'waiting_room'));
    const second = await h.connect({ userId: 'UHOSTSWITCH' });
    h.zoom.setUserSettings(second.zoomUserId, { in_meeting: { waiting_room: false } });
    const after = await openForm('UHOSTSWITCH');
    const ticked = after.block('options')?.element?.initial_options?.map((o) => o.value) ?? [];
    assert.ok(!ticked.includes('waiting_room'), JSON.stringify(ticked));
  });

  test('settings Zoom will not give: the form says so, nothing is preselected, only what is ticked is sent', async () => {
    await h.connect({ userId: 'UHOSTFAIL' });
    h.slack.setUser('UHOSTFAIL', { locale: 'en-US' });
    // As Zoom answers a token without user:read:settings.
    h.zoom.failNext(
      { method: 'GET', path: /\/users\/me\/settings$/ },
      {
        status: 400,
        body: { code: 4711, message: 'Invalid access token, does not contain scopes:[user:read:settings].' },
      },
    );
    const { view, block } = await openForm('UHOSTFAIL');
    assert.match(
      String(block('zoom_settings_unread')?.elements?.[0]?.text),
      /could not read your Zoom settings/,
    );
    assert.equal(block('options')?.element?.initial_options, undefined);
    assert.equal(block('recording')?.element?.initial_option, undefined);
    assert.equal(block('recording')?.optional, true);
    const body = await submit(view, 'UHOSTFAIL', { options: ['waiting_room'] });
    assert.deepEqual(body?.settings, { waiting_room: true });
    const { view: again } = await openForm('UHOSTFAIL');
    const plain = await submit(again, 'UHOSTFAIL', {});
    assert.ok(plain);
    assert.equal(plain.settings === undefined || Object.keys(plain.settings).length === 0, true);
  });

  test('an instant meeting sends no settings at all', async () => {
    await h.connect({ userId: 'UHOSTNOW' });
    const res = await h.command('now Incident bridge', { userId: 'UHOSTNOW' });
    assert.equal(res.status, 200);
    await h.settle();
    const create = h.zoom.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/meetings')).at(-1);
    const body = (create?.body ?? {}) as { type?: number; settings?: unknown };
    assert.equal(body.type, 1);
    assert.equal(body.settings, undefined);
  });

  test('every view passed Slack validation and every request Zoom schema', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});
