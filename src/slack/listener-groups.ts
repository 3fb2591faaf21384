/**
 * Bolt runs every request through every listener's chain: a `/zoom` command went through some 20
 * action, view and shortcut chains only for each to find it is not theirs, and in a burst of
 * commands that work delays the next command's acknowledgement. Registered through
 * `groupedListeners`, the action, view and shortcut listeners become one Bolt listener per kind,
 * which runs its members' chains (built from Bolt's own filters and constraint matchers, as
 * `app.action` builds them) only for requests of that kind. Members run as Bolt runs listeners:
 * all of them, in order of registration, their failures reported as Bolt reports them.
 */
import {
  type AllMiddlewareArgs,
  type AnyMiddlewareArgs,
  type App,
  type Middleware,
  MultipleListenerError,
  matchConstraints,
  onlyActions,
  onlyShortcuts,
  onlyViewActions,
} from '@slack/bolt';

type Args = AnyMiddlewareArgs & AllMiddlewareArgs;
type Chain = Middleware<AnyMiddlewareArgs>[];
type Constraints = Parameters<typeof matchConstraints>[0];
type Kind = 'action' | 'view' | 'shortcut';

const ONLY = { action: onlyActions, view: onlyViewActions, shortcut: onlyShortcuts } as const;

/** What a bare id or pattern means for each kind (as App#action, App#view, App#shortcut read it). */
function constraintsOf(kind: Kind, idOrConstraints: unknown): Constraints {
  if (typeof idOrConstraints !== 'string' && !(idOrConstraints instanceof RegExp)) {
    return idOrConstraints as Constraints;
  }
  if (kind === 'action') return { action_id: idOrConstraints };
  if (kind === 'view') return { callback_id: idOrConstraints, type: 'view_submission' };
  return { callback_id: idOrConstraints };
}

/** One chain as Bolt runs a listener's: each middleware with its `next`, the listener last with a no-op one. */
function runChain(chain: Chain, args: Args): Promise<void> {
  const listener = chain[chain.length - 1] as Middleware<AnyMiddlewareArgs>;
  let called = -1;
  const invoke = async (index: number): Promise<void> => {
    if (called >= index) throw new Error('next() called multiple times');
    called = index;
    const middleware = index < chain.length - 1 ? chain[index] : undefined;
    if (middleware) return middleware({ ...args, next: () => invoke(index + 1) } as Args);
    return listener({ ...args, next: () => {} } as Args);
  };
  return invoke(0);
}

function groupListener(chains: Chain[]) {
  return async (args: Args): Promise<void> => {
    const settled = await Promise.allSettled(chains.map((chain) => runChain(chain, args)));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as Error] : []));
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new MultipleListenerError(failures);
  };
}

/**
 * `register` sees the app as usual; its action, view and shortcut listeners are collected, then
 * added to `app` as one listener per kind.
 */
export function groupedListeners(app: App, register: (app: App) => void): void {
  const chains: Record<Kind, Chain[]> = { action: [], view: [], shortcut: [] };
  const collect = (kind: Kind) => ({
    value: (idOrConstraints: unknown, ...listeners: Chain) => {
      const matches = matchConstraints(constraintsOf(kind, idOrConstraints)) as Middleware<AnyMiddlewareArgs>;
      chains[kind].push([ONLY[kind], matches, ...listeners]);
    },
  });
  register(
    Object.create(app, { action: collect('action'), view: collect('view'), shortcut: collect('shortcut') }),
  );
  // Empty constraints: every request of the kind reaches the group, whose members then match.
  if (chains.action.length > 0) app.action({}, groupListener(chains.action));
  if (chains.view.length > 0) app.view({}, groupListener(chains.view));
  if (chains.shortcut.length > 0) app.shortcut({}, groupListener(chains.shortcut));
}
