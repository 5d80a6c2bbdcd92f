import { Command } from 'commander';
import { exitQuietlyWhenStdoutCloses } from './cliRuntime';
import { registerAstraCommand } from './commands/astra';
import { registerSelfplayCommand } from './commands/selfplay';
import { registerBenchCommand } from './commands/bench';
import { registerConfigCommand } from './commands/config';
import { registerDataCommand } from './commands/data';
import { registerCorpusCommand } from './commands/corpus';
import { registerDatasetsCommand } from './commands/datasets';
import { registerDbCommand } from './commands/db';
import { registerDoctorCommand } from './commands/doctor';
import { registerExperimentCommand } from './commands/experiment';
import { registerImportCommand } from './commands/importDealOrNoDeal';
import { registerOutcomesCommand } from './commands/outcomes';
import { registerReproduceCommand } from './commands/reproduce';
import { registerStartCommand } from './commands/start';
import { registerUsersCommand } from './commands/users';
import { registerWorkerCommand } from './commands/worker';

exitQuietlyWhenStdoutCloses();

const program = new Command('parley')
  .description('Parley: negotiation agents trained with targeted data acquisition.')
  .showHelpAfterError();

registerStartCommand(program);
registerWorkerCommand(program);
registerUsersCommand(program);
registerDbCommand(program);
registerDoctorCommand(program);
registerConfigCommand(program);
registerAstraCommand(program);
registerBenchCommand(program);
registerExperimentCommand(program);
registerCorpusCommand(program);
registerDataCommand(program);
registerImportCommand(program);
registerOutcomesCommand(program);
registerDatasetsCommand(program);
registerReproduceCommand(program);
registerSelfplayCommand(program);

await program.parseAsync(process.argv);
