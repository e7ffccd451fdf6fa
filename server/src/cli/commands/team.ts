import { presentTeam } from '../../accounts/present.ts';
import { createTeam } from '../../accounts/users.ts';
import { type CliCommand, printJson, UsageError } from '../command.ts';

export const teamAddCommand: CliCommand = {
  name: 'team add',
  summary: 'Create a team (prints it as JSON)',
  usage: '<name>',
  minPositionals: 1,
  async run(ctx, { positionals }) {
    const name = positionals.join(' ').trim();
    if (!name) throw new UsageError('the team name must not be empty');
    const team = await createTeam(await ctx.store(), ctx.clock, name);
    ctx.err(
      `Created team "${team.name}". Add its first admin with: rapport user add <email> --role admin --team ${team.id}\n`,
    );
    printJson(ctx, presentTeam(team));
    return 0;
  },
};

export const teamListCommand: CliCommand = {
  name: 'team list',
  summary: 'List teams as JSON (the first is the default team)',
  usage: '',
  async run(ctx) {
    const teams = await (await ctx.store()).teams.list();
    printJson(ctx, teams.map(presentTeam));
    return 0;
  },
};
