/** The Slack installation store: sealed per workspace, an org-wide install serves its workspaces. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Installation } from '@slack/bolt';
import { createLogger } from '../../src/log.js';
import { Keys } from '../../src/redis.js';
import { RedisInstallationStore } from '../../src/slack/installations.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

const lines: string[] = [];
function store() {
  const keys = new Keys(redis.prefix());
  const client = redis.client();
  const installations = new RedisInstallationStore(
    client,
    keys,
    [randomBytes(32)],
    createLogger('debug', (l) => lines.push(l)),
  );
  return { keys, client, installations };
}

const teamInstall = (teamId: string, token: string): Installation<'v2', false> => ({
  team: { id: teamId, name: teamId },
  enterprise: undefined,
  user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
  bot: { id: `B${teamId}`, userId: `UBOT${teamId}`, token, scopes: ['commands'] },
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

test('each workspace gets its own token back; an installation copied under another workspace does not open', async () => {
  const { keys, client, installations } = store();
  await installations.storeInstallation(teamInstall('T1', 'xoxb-one-0000'));
  await installations.storeInstallation(teamInstall('T2', 'xoxb-two-0000'));
  assert.equal(await installations.botToken({ teamId: 'T1' }), 'xoxb-one-0000');
  assert.equal(await installations.botToken({ teamId: 'T2' }), 'xoxb-two-0000');
  const fetched = await installations.fetchInstallation({
    teamId: 'T2',
    enterpriseId: undefined,
    isEnterpriseInstall: false,
  });
  assert.equal(fetched.bot?.token, 'xoxb-two-0000');

  await client.set(keys.slackInstallation('T2'), (await client.get(keys.slackInstallation('T1'))) as string);
  assert.equal(await installations.botToken({ teamId: 'T2' }), null);
  await assert.rejects(
    installations.fetchInstallation({ teamId: 'T2', enterpriseId: undefined, isEnterpriseInstall: false }),
    /no Slack installation/,
  );
  assert.ok(lines.some((l) => l.includes('does not open')));
  assert.ok(!lines.some((l) => l.includes('xoxb-one-0000')), 'no token in the log');
});

test('an org-wide install answers for the workspaces its requests came from', async () => {
  const { installations } = store();
  await installations.storeInstallation({
    team: undefined,
    enterprise: { id: 'E1', name: 'Org' },
    user: { id: 'UADMIN', token: undefined, scopes: undefined },
    bot: { id: 'BE1', userId: 'UBOTE1', token: 'xoxb-org-0000', scopes: ['commands'] },
    isEnterpriseInstall: true,
    authVersion: 'v2',
  });
  assert.equal(await installations.botToken({ teamId: 'TW1' }), null, 'not linked yet');
  assert.equal(await installations.botToken({ teamId: 'TW1', enterpriseId: 'E1' }), 'xoxb-org-0000');
  const fetched = await installations.fetchInstallation({
    teamId: 'TW1' as unknown as undefined,
    enterpriseId: 'E1',
    isEnterpriseInstall: true,
  });
  assert.equal(fetched.bot?.token, 'xoxb-org-0000');
  assert.equal(await installations.botToken({ teamId: 'TW1' }), 'xoxb-org-0000', 'linked by the request');
  assert.deepEqual(await installations.organizationWorkspaces('E1'), ['TW1']);
  await installations.deleteInstallation({
    enterpriseId: 'E1',
    teamId: undefined,
    isEnterpriseInstall: true,
  });
  assert.equal(await installations.botToken({ teamId: 'TW1' }), null);
});
