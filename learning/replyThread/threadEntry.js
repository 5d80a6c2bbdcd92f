// The reply thread's entry (replyThread.ts starts it): the thread runs TypeScript through tsx,
// as the `parley` command does (bin/parley.js). A file of its own so that tsx is found from
// here, whatever directory the command was started in.
import { register } from 'tsx/esm/api';

register();
await import('./threadMain.ts');
