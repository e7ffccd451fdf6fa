import { presentUser } from '../../accounts/present.ts';
import { EmailSchema, NameSchema, PasswordSchema, RoleSchema } from '../../accounts/schemas.ts';
import { createUser } from '../../accounts/users.ts';
import { type CliCommand, parseArg, passwordArg, printJson, TEAM_OPTION, UsageError } from '../command.ts';

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
    const email = parseArg(EmailSchema, positionals[0], 'email');
    if (values.role === undefined) throw new UsageError('--role is required (admin, lead or rep)');
    const role = parseArg(RoleSchema, values.role, '--role');
    const name = parseArg(NameSchema, values.name ?? email.split('@')[0], '--name');
    const { password, generated } = passwordArg(ctx, values, PasswordSchema);
    const store = await ctx.store();
    const team = await ctx.team(store, values.team as string | undefined);
    const user = await createUser(store, ctx.clock, { teamId: team.id, email, name, role, password });
    ctx.err(
      `Added ${role} ${email} to team "${team.name}".${generated ? ' The generated password is printed once; pass it on safely.' : ''}\n`,
    );
    printJson(ctx, { ...presentUser(user), ...(generated ? { password } : {}) });
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
