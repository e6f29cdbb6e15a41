// Every command of the CLI, in the order `policy-annotator --help` lists them.
import type { Command } from './command';
import { tagCommand } from './tag';
import { evalCommand } from './eval';
import { statsCommand } from './stats';
import { exportCommand } from './export';
import { importCommand } from './import';
import { agreeCommand } from './agree';
import { learnedCommand } from './learned';

export const COMMANDS: readonly Command[] = [tagCommand, evalCommand, statsCommand, exportCommand, importCommand, agreeCommand, learnedCommand];

export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}
