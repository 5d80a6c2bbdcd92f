import type { Command } from 'commander';
import { configMarkdownTable, configVariables } from '../../platform/config';
import { commandConfig } from '../cliRuntime';
import { configView } from './configView';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description(
      'Print the configuration in effect (or, with --markdown, the documented variables).',
    )
    .option('--markdown', 'print the table of environment variables for the README')
    .action((options: { markdown?: boolean }) => {
      if (options.markdown === true) {
        console.log(configMarkdownTable());
        return;
      }
      const config = commandConfig();
      console.log(JSON.stringify(configView(config), null, 2));
      console.error(`(${configVariables.length} variables documented; see --markdown)`);
    });
}
