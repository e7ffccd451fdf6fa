import { presentUser } from '../../accounts/present.ts';
import { EmailSchema, NameSchema, PasswordSchema, RoleSchema } from '../../accounts/schemas.ts';
import { createUser } from '../../accounts/users.ts';
import { generatePassword } from '../../lib/passwords.ts';
import { type CliCommand, printJson, TEAM_OPTION, UsageError } from '../command.ts';

function parseWith<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  what: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(`${what}: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

export const userAddCommand: CliCommand = {
  name: 'user add',
  summary: 'Add a user; prints it as JSON, with the password when one was generated',
  usage:
    '<email> --role admin|lead|rep [--name NAME] [--team ID|NAME] [--password PW]  (or RAPPORT_PASSWORD)',
  options: {
    ...TEAM_OPTION,
    role: { type: 'string', short: 'r' },
    name: { type: 'string', short: 'n' },
    password: { type: 'string' },
  },
  minPositionals: 1,
  async run(ctx, { positionals, values }) {
    const email = parseWith(EmailSchema, positionals[0], 'email');
    if (values.role === undefined) throw new UsageError('--role is required (admin, lead or rep)');
    const role = parseWith(RoleSchema, values.role, '--role');
    const name = parseWith(NameSchema, values.name ?? email.split('@')[0], '--name');
    const given = (values.password as string | undefined) ?? ctx.rawEnv.RAPPORT_PASSWORD;
    const password =
      given === undefined || given === '' ? generatePassword() : parseWith(PasswordSchema, given, 'password');
    const store = await ctx.store();
    const team = await ctx.team(store, values.team as string | undefined);
    const user = await createUser(store, ctx.clock, { teamId: team.id, email, name, role, password });
    ctx.err(
      `Added ${role} ${email} to team "${team.name}".${given ? '' : ' The generated password is printed once; pass it on safely.'}\n`,
    );
    printJson(ctx, { ...presentUser(user), ...(given ? {} : { password }) });
    return 0;
  },
};

export const userListCommand: CliCommand = {
  name: 'user list',
  summary: "List a team's users as JSON",
  usage: '[--team ID|NAME]',
  options: TEAM_OPTION,
  async run(ctx, { values }) {
    const store = await ctx.store();
    const team = await ctx.team(store, values.team as string | undefined);
    printJson(ctx, (await store.users.list(team.id)).map(presentUser));
    return 0;
  },
};
