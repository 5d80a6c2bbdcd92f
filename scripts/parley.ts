import { Command } from 'commander';
import { registerConfigCommand } from './commands/config';
import { registerCorpusCommand } from './commands/corpus';
import { registerDbCommand } from './commands/db';
import { registerDoctorCommand } from './commands/doctor';
import { registerImportCommand } from './commands/importDealOrNoDeal';
import { registerOutcomesCommand } from './commands/outcomes';
import { registerStartCommand } from './commands/start';

const program = new Command('parley')
  .description('Parley: negotiation agents trained with targeted data acquisition.')
  .showHelpAfterError();

registerStartCommand(program);
registerDbCommand(program);
registerDoctorCommand(program);
registerConfigCommand(program);
registerCorpusCommand(program);
registerImportCommand(program);
registerOutcomesCommand(program);

await program.parseAsync(process.argv);
