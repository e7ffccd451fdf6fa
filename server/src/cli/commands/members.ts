import { presentUser } from '../../accounts/present.ts';
import { EmailSchema, PasswordSchema, RoleSchema } from '../../accounts/schemas.ts';
import { resetPassword } from '../../accounts/users.ts';
import { reassignOwner } from '../../entities/reassign.ts';
import { createServerHlc } from '../../entities/server-hlc.ts';
import { generatePassword } from '../../lib/passwords.ts';
import { REASSIGNABLE } from '../../routes/users/users.routes.ts';
import type { Role, Store, User } from '../../store/store.ts';
import {
  type CliCommand,
  type CliContext,
  CliError,
  printJson,
  TEAM_OPTION,
  UsageError,
} from '../command.ts';

/** The member with this email (in --team when given); a usage error names what is wrong. */
async function member(ctx: CliContext, store: Store, email: unknown, team: unknown): Promise<User> {
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) throw new UsageError(`email: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const user = await store.users.findByEmail(parsed.data);
  if (!user) throw new CliError(`No user ${parsed.data}`);
  if (team !== undefined) {
    const t = await ctx.team(store, team as string);
    if (user.teamId !== t.id) throw new CliError(`${parsed.data} is not a member of team "${t.name}"`);
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

export const userDeactivateCommand: CliCommand = {
  name: 'user deactivate',
  summary: 'Deactivate a member (signed out everywhere); `user activate` undoes it',
  usage: '<email> [--team ID|NAME]',
  options: TEAM_OPTION,
  minPositionals: 1,
  async run(ctx, { positionals, values }) {
    const store = await ctx.store();
    const user = await member(ctx, store, positionals[0], values.team);
    const after = await changeMember(ctx, store, user, { active: false });
    ctx.err(`Deactivated ${after.email}; reassign their customers with \`customers reassign\`.\n`);
    printJson(ctx, presentUser(after));
    return 0;
  },
};

export const userActivateCommand: CliCommand = {
  name: 'user activate',
  summary: 'Reactivate a deactivated member',
  usage: '<email> [--team ID|NAME]',
  options: TEAM_OPTION,
  minPositionals: 1,
  async run(ctx, { positionals, values }) {
    const store = await ctx.store();
    const user = await member(ctx, store, positionals[0], values.team);
    printJson(ctx, presentUser(await changeMember(ctx, store, user, { active: true })));
    return 0;
  },
};

export const userRoleCommand: CliCommand = {
  name: 'user role',
  summary: "Change a member's role",
  usage: '<email> admin|lead|rep [--team ID|NAME]',
  options: TEAM_OPTION,
  minPositionals: 2,
  async run(ctx, { positionals, values }) {
    const role = RoleSchema.safeParse(positionals[1]);
    if (!role.success) throw new UsageError('the role must be admin, lead or rep');
    const store = await ctx.store();
    const user = await member(ctx, store, positionals[0], values.team);
    const after = await changeMember(ctx, store, user, { role: role.data });
    ctx.err(`${after.email} is now ${after.role}.\n`);
    printJson(ctx, presentUser(after));
    return 0;
  },
};

export const userResetPasswordCommand: CliCommand = {
  name: 'user reset-password',
  summary: "Set a member's password (generated and printed once unless given); signs them out everywhere",
  usage: '<email> [--password PW]  (or RAPPORT_PASSWORD) [--team ID|NAME]',
  options: { ...TEAM_OPTION, password: { type: 'string' } },
  minPositionals: 1,
  async run(ctx, { positionals, values }) {
    const given = (values.password as string | undefined) ?? ctx.rawEnv.RAPPORT_PASSWORD;
    let password = generatePassword();
    if (given !== undefined && given !== '') {
      const parsed = PasswordSchema.safeParse(given);
      if (!parsed.success) throw new UsageError(`password: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      password = parsed.data;
    }
    const store = await ctx.store();
    const user = await member(ctx, store, positionals[0], values.team);
    await resetPassword(store, ctx.clock, user, password);
    ctx.err(`Reset the password of ${user.email}; they are signed out everywhere.\n`);
    printJson(ctx, { ...presentUser(user), ...(given ? {} : { password }) });
    return 0;
  },
};

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
