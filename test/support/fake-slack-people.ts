/**
 * users.lookupByEmail as Slack answers it. Sources: https://api.slack.com/methods/users.lookupByEmail
 * and its entry in slackapi/slack-api-specs (vendored in ../fixtures/schemas/slack/web-api-methods.json):
 * the token needs `users:read.email` (else `missing_scope`, with `needed`), `email` is required, a
 * user of another workspace is not found, and no match answers `users_not_found`. Slack does not
 * say whether the match ignores case: the fake matches exactly, so the bot relies on neither.
 */
export interface PersonProfile {
  tz?: string;
  name?: string;
  email?: string;
}

export function lookupByEmail(
  args: Record<string, unknown>,
  scopes: string[],
  users: Map<string, PersonProfile>,
  inTokenWorkspace: (userId: string) => boolean,
): Record<string, unknown> {
  if (!scopes.includes('users:read.email')) {
    return { ok: false, error: 'missing_scope', needed: 'users:read.email', provided: scopes.join(',') };
  }
  const email = typeof args.email === 'string' ? args.email : '';
  if (!email) return { ok: false, error: 'invalid_arguments' };
  for (const [id, profile] of users) {
    if (profile.email !== email || !inTokenWorkspace(id)) continue;
    const name = profile.name ?? id.toLowerCase();
    return {
      ok: true,
      user: {
        id,
        name,
        real_name: profile.name ?? id,
        tz: profile.tz ?? 'Asia/Tokyo',
        profile: { real_name: profile.name ?? id, display_name: name, email },
      },
    };
  }
  return { ok: false, error: 'users_not_found' };
}
