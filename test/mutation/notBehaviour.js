// A Stryker ignorer: mutants inside logging calls change what is logged, not what Parley does,
// so they are not tested (counted as "ignored"). Logging is `console.*`, or a pino logger's
// level methods on an object named `log` or `logger` (server/logger.ts).
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const loggers = new Set(['console', 'log', 'logger']);
const levels = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'log']);

/** @param {any} path a Babel NodePath */
function isLoggingCall(path) {
  if (!path.isCallExpression()) {
    return false;
  }
  const callee = path.node.callee;
  if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') {
    return false;
  }
  const object = callee.object;
  const owner =
    object.type === 'Identifier'
      ? object.name
      : object.type === 'MemberExpression' && object.property.type === 'Identifier'
        ? object.property.name
        : undefined;
  return owner !== undefined && loggers.has(owner) && levels.has(callee.property.name);
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'parley-not-behaviour', {
    shouldIgnore(path) {
      return isLoggingCall(path) ? 'Logging is not behaviour' : undefined;
    },
  }),
];
