/**
 * `npm ci`'s postinstall step: builds the native TensorFlow engine for `@tensorflow/tfjs-node`
 * from registry packages, so that training runs on libtensorflow instead of WASM where it can.
 *
 * tfjs-node's own install script downloads libtensorflow and a prebuilt binding from a host that
 * is not a package registry; it is not in `allowScripts`, so it never runs. This step supplies
 * both from registries instead (docs/native-engine.md):
 *   - libtensorflow 2.10.1 (C API) from Maven Central's `tensorflow-core-api:0.5.0`, linux-x86_64
 *     jar, through `mvn dependency:copy`;
 *   - the C API headers from PyPI's `tensorflow-cpu==2.10.1` wheel, through `pip download`;
 *   - the binding compiled from the C++ sources tfjs-node ships, with the machine's C++ compiler
 *     and the Node-API headers of the `node-api-headers` package.
 * Downloads are pinned by SHA-256 and cached (PARLEY_NATIVE_ENGINE_CACHE). Every failure is
 * reported and the install still succeeds: the WASM backend is the fallback that always works.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { nativeEngineSettings } from '../../platform/config';

/** libtensorflow 2.10.1 is the nearest the registries serve to tfjs-node 4.22's 2.9.1. */
const jar = {
  artifact: 'org.tensorflow:tensorflow-core-api:0.5.0:jar:linux-x86_64',
  file: 'tensorflow-core-api-0.5.0-linux-x86_64.jar',
  sha256: 'f394c5be26c8f3b644cdc77e6741b2cfe774caa8aedeb969c50e074444feac55',
  libraries: ['libtensorflow_cc.so.2', 'libtensorflow_framework.so.2'],
  inside: 'org/tensorflow/internal/c_api/linux-x86_64',
};
const wheel = {
  requirement: 'tensorflow-cpu==2.10.1',
  file: 'tensorflow_cpu-2.10.1-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl',
  sha256: '0d30c8199b542b7144d7fffa5ee9bd9e539657b15c60a61b7a0ad44a8d1379d2',
  // Only the C API headers; the wheel is the one registry package that ships them.
  headers: ['tensorflow/include/tensorflow/c/*', 'tensorflow/include/tensorflow/core/platform/*'],
};

class Skip extends Error {}

function log(message: string): void {
  console.error(`[native-engine] ${message}`);
}

function run(command: string, args: string[], cwd?: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.error !== undefined) {
    throw new Skip(`${command} is not available (${result.error.message})`);
  }
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed:\n${output}`);
  }
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Fetches `file` into the cache with `fetch` unless a copy with the pinned hash is there. */
function cached(cacheDir: string, file: string, hash: string, fetch: () => void): string {
  const target = path.join(cacheDir, file);
  if (fs.existsSync(target) && sha256(target) === hash) {
    return target;
  }
  fetch();
  if (!fs.existsSync(target)) {
    throw new Error(`${file} was not downloaded`);
  }
  const actual = sha256(target);
  if (actual !== hash) {
    fs.rmSync(target);
    throw new Error(`${file} has SHA-256 ${actual}, expected ${hash}`);
  }
  return target;
}

/** The directory holding node_api.h: the registry package first, then the running Node's own. */
function nodeApiHeaders(require: NodeJS.Require): string {
  const candidates: string[] = [];
  try {
    candidates.push(
      path.join(path.dirname(require.resolve('node-api-headers/package.json')), 'include'),
    );
  } catch {
    // Optional dependency absent: fall back to headers installed with Node.
  }
  candidates.push(path.join(path.dirname(process.execPath), '..', 'include', 'node'));
  candidates.push('/usr/include/node');
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'node_api.h')));
  if (found === undefined) {
    throw new Skip(`no node_api.h in ${candidates.join(', ')}`);
  }
  return found;
}

/** Loads the binding in a child process, so that a crash cannot take the install with it. */
function bindingLoads(binding: string): boolean {
  const probe = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(binding)})`], {
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
  });
  if (probe.status !== 0) {
    log(`the binding does not load: ${probe.stderr.trim().split('\n').slice(-3).join(' ')}`);
  }
  return probe.status === 0;
}

function install(): void {
  const settings = nativeEngineSettings();
  if (!settings.enabled) {
    throw new Skip('PARLEY_NATIVE_ENGINE=off');
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Skip(`no registry package of libtensorflow for ${process.platform}-${process.arch}`);
  }
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('@tensorflow/tfjs-node/package.json');
  } catch {
    throw new Skip('the optional dependency @tensorflow/tfjs-node is not installed');
  }
  const packageDir = path.dirname(packageJson);
  // The path tfjs-node itself loads the binding from, by the same rules (node-pre-gyp's find).
  const preGyp = createRequire(packageJson)('@mapbox/node-pre-gyp') as {
    find: (packageJsonPath: string) => string;
  };
  const binding = preGyp.find(packageJson);
  if (fs.existsSync(binding) && bindingLoads(binding)) {
    log(`already built: ${path.relative(process.cwd(), binding)}`);
    return;
  }
  const headers = nodeApiHeaders(require);
  run('c++', ['--version']);

  fs.mkdirSync(settings.cacheDir, { recursive: true });
  const jarFile = cached(settings.cacheDir, jar.file, jar.sha256, () => {
    log(`fetching ${jar.artifact} with mvn`);
    run('mvn', [
      '-q',
      '-B',
      'dependency:copy',
      `-Dartifact=${jar.artifact}`,
      `-DoutputDirectory=${settings.cacheDir}`,
    ]);
  });
  const wheelFile = cached(settings.cacheDir, wheel.file, wheel.sha256, () => {
    log(`fetching ${wheel.requirement} with pip (for its C API headers)`);
    run('python3', [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--no-deps',
      '--only-binary=:all:',
      '--python-version',
      '3.10',
      '--platform',
      'manylinux2014_x86_64',
      '-d',
      settings.cacheDir,
      wheel.requirement,
    ]);
  });

  const libDir = path.join(packageDir, 'deps', 'lib');
  const includeRoot = path.join(settings.cacheDir, 'include-2.10.1');
  fs.mkdirSync(libDir, { recursive: true });
  run('unzip', [
    '-q',
    '-o',
    '-j',
    jarFile,
    ...jar.libraries.map((l) => `${jar.inside}/${l}`),
    '-d',
    libDir,
  ]);
  run('unzip', ['-q', '-o', wheelFile, ...wheel.headers, '-d', includeRoot]);
  const includeDir = path.join(includeRoot, 'tensorflow', 'include');

  fs.mkdirSync(path.dirname(binding), { recursive: true });
  log('compiling the tfjs-node binding against libtensorflow 2.10.1');
  run(
    'c++',
    [
      '-O2',
      '-std=c++17',
      '-fPIC',
      '-shared',
      '-w',
      '-DNAPI_VERSION=8',
      `-I${packageDir}`,
      `-I${includeDir}`,
      `-I${headers}`,
      path.join(packageDir, 'binding', 'tfjs_backend.cc'),
      path.join(packageDir, 'binding', 'tfjs_binding.cc'),
      `-L${libDir}`,
      ...jar.libraries.map((l) => `-l:${l}`),
      // Found beside the package at run time, wherever node_modules is.
      `-Wl,-rpath,$ORIGIN/${path.relative(path.dirname(binding), libDir)}`,
      '-o',
      binding,
    ],
    packageDir,
  );
  if (!bindingLoads(binding)) {
    fs.rmSync(binding);
    throw new Error('the compiled binding does not load; removed it');
  }
  log(`built ${path.relative(process.cwd(), binding)}: training uses the native engine`);
}

try {
  install();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  log(
    `${error instanceof Skip ? 'skipped' : 'failed'}: ${message}\n` +
      '[native-engine] Parley uses the WASM backend instead (slower, same results).',
  );
}
