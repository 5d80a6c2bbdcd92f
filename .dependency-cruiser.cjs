// The rooms and the one direction their imports may run (docs/architecture.md):
//   shared  <-  learning  <-  platform  <-  server | pipeline | experiments  <-  cli
// and the web client imports only shared. `npm run lint` runs this check; a violation fails it.
const room = (name) => `^${name}/`;
const below = {
  shared: [],
  learning: ['shared'],
  platform: ['shared', 'learning'],
  server: ['shared', 'platform'],
  pipeline: ['shared', 'learning', 'platform'],
  experiments: ['shared', 'learning', 'platform'],
  cli: ['shared', 'learning', 'platform', 'server', 'pipeline', 'experiments'],
  'client/src': ['shared'],
};
const rooms = [...Object.keys(below), 'test', 'bin'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Files that import each other in a loop cannot be understood (or moved) one at a time.',
      from: {},
      to: { circular: true },
    },
    ...Object.entries(below).map(([name, allowed]) => ({
      name: `${name.replace('/src', '')}-imports-only-below`,
      severity: 'error',
      comment: `${name}/ may import only ${allowed.length ? allowed.join(', ') : 'itself'} (and packages).`,
      from: { path: room(name) },
      to: {
        path: `^(${rooms.filter((r) => r !== name && !allowed.includes(r)).join('|')})/`,
      },
    })),
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ runs in the browser and in every process: no I/O, no servers, no database.',
      from: { path: room('shared') },
      to: {
        dependencyTypes: ['core', 'npm'],
        path: '^(node:)?(fs|net|http|https|child_process|worker_threads|os|dgram|cluster)$|node_modules/(mongoose|mongodb|express|socket\\.io|pino|@tensorflow)/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.parley|runs)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
