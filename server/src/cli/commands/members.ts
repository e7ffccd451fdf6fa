import { presentUser } from '../../accounts/present.ts';
import { EmailSchema, PasswordSchema, RoleSchema } from '../../accounts/schemas.ts';
import { resetPassword } from '../../accounts/users.ts';
import { reassignOwner } from '../../entities/reassign.ts';
import { createServerHlc } from '../../entities/server-hlc.ts';
import { REASSIGNABLE } from '../../routes/users/users.routes.ts';
import type { Role, Store, User } from '../../store/store.ts';
import {
  type CliArgs,
  type CliCommand,
  type CliContext,
  CliError,
  type OptionSpec,
  parseArg,
  passwordArg,
  printJson,
  TEAM_OPTION,
  UsageError,
} from '../command.ts';

/** The member with this email (in --team when given); a usage error names what is wrong. */
async function member(ctx: CliContext, store: Store, email: unknown, team: unknown): Promise<User> {
  const address = parseArg(EmailSchema, email, 'email');
  const user = await store.users.findByEmail(address);
  if (!user) throw new CliError(`No user ${address}`);
  if (team !== undefined) {
    const t = await ctx.team(store, team as string);
    if (user.teamId !== t.id) throw new CliError(`${address} is not a member of team "${t.name}"`);
  }
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

/**
 * Role and active changes with the API's rule: the last active admin of a team can be neither
 * demoted nor deactivated. Deactivating signs the member out everywhere.
 */
async function changeMember(
  ctx: CliContext,
  store: Store,
  user: User,
  changes: { role?: Role; active?: boolean },
): Promise<User> {
  const at = ctx.clock.now().toISOString();
  return store.transaction(async (tx) => {
    const losesAdmin =
      user.role === 'admin' &&
      user.active &&
      (changes.active === false || (changes.role ?? 'admin') !== 'admin');
    if (losesAdmin && (await tx.users.countActive(user.teamId, 'admin')) <= 1)
      throw new CliError('The team needs at least one active admin: make someone else admin first');
    const after = await tx.users.update(user.teamId, user.id, changes, at);
    if (changes.active === false) await tx.tokens.deleteForUser(user.teamId, user.id);
    return after ?? user;
  });
}

/**
 * A command on one member, `<email> … [--team ID|NAME]`: `check` reads the other arguments before the
 * store opens, `act` gets the member (in --team when given).
 */
function memberCommand<A>(spec: {
  name: string;
  summary: string;
  usage: string;
  options?: OptionSpec;
  minPositionals?: number;
  check?: (ctx: CliContext, args: CliArgs) => A;
  act: (ctx: CliContext, store: Store, user: User, checked: A) => Promise<unknown>;
}): CliCommand {
  const { check, act, ...command } = spec;
  return {
    options: TEAM_OPTION,
    minPositionals: 1,
    ...command,
    async run(ctx, args) {
      const checked = check?.(ctx, args) as A;
      const store = await ctx.store();
      printJson(
        ctx,
        await act(ctx, store, await member(ctx, store, args.positionals[0], args.values.team), checked),
      );
      return 0;
    },
  };
}

export const userDeactivateCommand = memberCommand({
  name: 'user deactivate',
  summary: 'Deactivate a member (signed out everywhere); `user activate` undoes it',
  usage: '<email> [--team ID|NAME]',
  async act(ctx, store, user) {
    const after = await changeMember(ctx, store, user, { active: false });
    ctx.err(`Deactivated ${after.email}; reassign their customers with \`customers reassign\`.\n`);
    return presentUser(after);
  },
});

export const userActivateCommand = memberCommand({
  name: 'user activate',
  summary: 'Reactivate a deactivated member',
  usage: '<email> [--team ID|NAME]',
  act: async (ctx, store, user) => presentUser(await changeMember(ctx, store, user, { active: true })),
});

export const userRoleCommand = memberCommand({
  name: 'user role',
  summary: "Change a member's role",
  usage: '<email> admin|lead|rep [--team ID|NAME]',
  minPositionals: 2,
  check(_ctx, { positionals }) {
    const role = RoleSchema.safeParse(positionals[1]);
    if (!role.success) throw new UsageError('the role must be admin, lead or rep');
    return role.data;
  },
  async act(ctx, store, user, role) {
    const after = await changeMember(ctx, store, user, { role });
    ctx.err(`${after.email} is now ${after.role}.\n`);
    return presentUser(after);
  },
});

export const userResetPasswordCommand = memberCommand({
  name: 'user reset-password',
  summary: "Set a member's password (generated and printed once unless given); signs them out everywhere",
  usage: '<email> [--password PW]  (or RAPPORT_PASSWORD) [--team ID|NAME]',
  options: { ...TEAM_OPTION, password: { type: 'string' } },
  check: (ctx, { values }) => passwordArg(ctx, values, PasswordSchema),
  async act(ctx, store, user, { password, generated }) {
    await resetPassword(store, ctx.clock, user, password);
    ctx.err(`Reset the password of ${user.email}; they are signed out everywhere.\n`);
    return { ...presentUser(user), ...(generated ? { password } : {}) };
  },
});

export const customersReassignCommand: CliCommand = {
  name: 'customers reassign',
  summary: "Move a member's customers and contacts (and with --entities more) to another member",
  usage: `<from-email> <to-email> [--entities ${REASSIGNABLE.join(',')}] [--team ID|NAME]  (default customer,contact)`,
  options: { ...TEAM_OPTION, entities: { type: 'string' } },
  minPositionals: 2,
  async run(ctx, { positionals, values }) {
    const entities = ((values.entities as string | undefined) ?? 'customer,contact')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean);
    const unknown = entities.filter((e) => !(REASSIGNABLE as readonly string[]).includes(e));
    if (entities.length === 0 || unknown.length > 0)
      throw new UsageError(`--entities takes a list of ${REASSIGNABLE.join(', ')}`);
    const store = await ctx.store();
    const from = await member(ctx, store, positionals[0], values.team);
    const to = await member(ctx, store, positionals[1], values.team);
    if (from.teamId !== to.teamId) throw new CliError(`${from.email} and ${to.email} are in different teams`);
    if (from.id === to.id) throw new UsageError('give two different members');
    if (!to.active) throw new CliError(`${to.email} is deactivated; reassign to an active member`);
    const result = await reassignOwner(
      { store, clock: ctx.clock, hlc: createServerHlc(ctx.clock) },
      from.teamId,
      { fromUserId: from.id, toUserId: to.id, entities: entities as (typeof REASSIGNABLE)[number][] },
    );
    ctx.err(
      `Moved ${Object.entries(result.moved)
        .map(([e, n]) => `${n} ${e}${n === 1 ? '' : 's'}`)
        .join(', ')} from ${from.email} to ${to.email}.\n`,
    );
    printJson(ctx, result);
    return 0;
  },
};
