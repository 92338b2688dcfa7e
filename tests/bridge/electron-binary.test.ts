// How `npm start` chooses (electron/bridge/electron-binary.mjs): the Electron executable named by
// node_modules/electron/path.txt when it exists (never by requiring the package, which would try
// to download it), else the browser mode; and which build outputs are missing. Then the
// better-sqlite3 module built for Electron (electron/native.mjs): cached with a stamp, built
// once with node-gyp from a copy of the package (a fake node-gyp here: no Electron headers and
// no Electron on the test machine), passed in NIANBAO_SQLITE_BINDING; when it cannot be built,
// the browser mode with the reason.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILD_OUTPUTS,
  chooseStart,
  findElectronBinary,
  missingBuildOutputs,
  prepareStart,
} from '../../electron/bridge/electron-binary.mjs';
import {
  BINDING_ENV,
  BINDING_FILE,
  HEADERS_URL,
  LOG_FILE,
  NativeBuildError,
  STAMP_FILE,
  bindingCacheDir,
  buildBinding,
  cachedBinding,
  electronVersion,
  findNodeGyp,
  type BuildRequest,
} from '../../electron/native.mjs';
import { tempFolder } from './helpers';

const NO_OVERRIDE = {} as NodeJS.ProcessEnv;

function project(options: { pathTxt?: string; binary?: string } = {}): string {
  const root = tempFolder('nianbao-start-');
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  // the package itself is there; requiring it would start a download
  fs.writeFileSync(path.join(pkg, 'index.js'), "throw new Error('must not be required');\n");
  if (options.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), options.pathTxt);
  if (options.binary !== undefined) {
    const file = path.join(pkg, 'dist', options.binary);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  }
  return root;
}

describe('findElectronBinary', () => {
  it('is null without path.txt, with an empty one, or when the executable is missing', () => {
    expect(findElectronBinary(tempFolder('nianbao-start-'), NO_OVERRIDE)).toBeNull();
    expect(findElectronBinary(project(), NO_OVERRIDE)).toBeNull();
    expect(findElectronBinary(project({ pathTxt: '' }), NO_OVERRIDE)).toBeNull();
    expect(findElectronBinary(project({ pathTxt: 'electron' }), NO_OVERRIDE)).toBeNull();
    // a folder of that name is no executable
    const folder = project({ pathTxt: 'electron' });
    fs.mkdirSync(path.join(folder, 'node_modules', 'electron', 'dist', 'electron'));
    expect(findElectronBinary(folder, NO_OVERRIDE)).toBeNull();
  });

  it('finds the executable path.txt names inside node_modules/electron/dist', () => {
    const root = project({ pathTxt: 'electron', binary: 'electron' });
    expect(findElectronBinary(root, NO_OVERRIDE)).toBe(
      path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
    );
    // macOS: a path inside the app bundle; a trailing newline is ignored
    const mac = project({
      pathTxt: 'Electron.app/Contents/MacOS/Electron\n',
      binary: 'Electron.app/Contents/MacOS/Electron',
    });
    expect(findElectronBinary(mac, NO_OVERRIDE)).toBe(
      path.join(mac, 'node_modules', 'electron', 'dist', 'Electron.app/Contents/MacOS/Electron'),
    );
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as the electron package does', () => {
    const root = project({ pathTxt: 'electron' });
    const elsewhere = tempFolder('nianbao-electron-dist-');
    fs.writeFileSync(path.join(elsewhere, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: elsewhere })).toBe(
      path.join(elsewhere, 'electron'),
    );
  });
});

describe('chooseStart', () => {
  it('opens the desktop window when Electron is there, passing the arguments on', () => {
    const root = project({ pathTxt: 'electron', binary: 'electron' });
    expect(chooseStart(root, ['--db', 'x.sqlite'], NO_OVERRIDE)).toEqual({
      mode: 'electron',
      binary: path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
      args: [root, '--db', 'x.sqlite'],
    });
  });

  it('falls back to the browser mode without Electron, or when --browser is asked', () => {
    const without = project({ pathTxt: 'electron' });
    expect(chooseStart(without, ['--db', 'x.sqlite', '--port', '8080'], NO_OVERRIDE)).toEqual({
      mode: 'browser',
      reason: 'no-electron',
      args: [path.join(without, 'dist', 'bridge.cjs'), '--db', 'x.sqlite', '--port', '8080'],
    });
    const withElectron = project({ pathTxt: 'electron', binary: 'electron' });
    expect(chooseStart(withElectron, ['--browser', '--port', '0'], NO_OVERRIDE)).toEqual({
      mode: 'browser',
      reason: 'asked',
      args: [path.join(withElectron, 'dist', 'bridge.cjs'), '--port', '0'],
    });
  });
});

describe('missingBuildOutputs', () => {
  it('lists what the build must make, and nothing once it is there', () => {
    const root = tempFolder('nianbao-start-');
    expect(missingBuildOutputs(root)).toEqual([...BUILD_OUTPUTS]);
    expect(BUILD_OUTPUTS).toEqual(
      expect.arrayContaining(['dist/renderer/index.html', 'dist/bridge.cjs', 'dist/main.cjs']),
    );
    for (const file of BUILD_OUTPUTS.slice(1)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), '');
    }
    expect(missingBuildOutputs(root)).toEqual([BUILD_OUTPUTS[0]]);
    fs.mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
    fs.writeFileSync(path.join(root, BUILD_OUTPUTS[0]!), '');
    expect(missingBuildOutputs(root)).toEqual([]);
  });
});

// --- the SQLite module for Electron --------------------------------------------------------------

const VERSION = '45.5.0';

/** A project with Electron (executable, version) and a better-sqlite3 package with a build/. */
function electronProject(options: { sqliteVersion?: string; electron?: string | null } = {}) {
  const root = project({ pathTxt: 'electron', binary: 'electron' });
  const electron = options.electron === undefined ? VERSION : options.electron;
  if (electron !== null) {
    fs.writeFileSync(
      path.join(root, 'node_modules', 'electron', 'package.json'),
      JSON.stringify({ name: 'electron', version: electron }),
    );
  }
  setSqliteVersion(root, options.sqliteVersion ?? '12.11.1');
  const pkg = path.join(root, 'node_modules', 'better-sqlite3');
  for (const [file, text] of Object.entries({
    'binding.gyp': '{}',
    'src/better_sqlite3.cpp': '// source',
    'deps/sqlite3/sqlite3.c': '/* sqlite */',
    'lib/index.js': '',
    'build/Release/better_sqlite3.node': 'the Node build',
    'node_modules/nested/index.js': '',
  })) {
    fs.mkdirSync(path.dirname(path.join(pkg, file)), { recursive: true });
    fs.writeFileSync(path.join(pkg, file), text);
  }
  return root;
}

function setSqliteVersion(root: string, version: string): void {
  const pkg = path.join(root, 'node_modules', 'better-sqlite3');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(
    path.join(pkg, 'package.json'),
    JSON.stringify({ name: 'better-sqlite3', version }),
  );
}

/** A build function that records its requests and writes `text` (or throws `error`). */
function fakeBuild(outcome: { text?: string; error?: unknown } = {}) {
  const calls: BuildRequest[] = [];
  const build = async (request: BuildRequest) => {
    calls.push(request);
    if (outcome.error !== undefined) throw outcome.error;
    fs.writeFileSync(request.output, outcome.text ?? `module for ${request.version}`);
  };
  return { calls, build };
}

function logger() {
  const lines: string[] = [];
  return { lines, log: (line: string) => lines.push(line) };
}

const NO_BINDING = {} as NodeJS.ProcessEnv;

describe('prepareStart: the SQLite module for Electron', () => {
  it('builds it once, caches it with a stamp, and passes it to Electron', async () => {
    const root = electronProject();
    const { calls, build } = fakeBuild();
    const { lines, log } = logger();
    const choice = await prepareStart(root, ['--db', 'x.sqlite'], { env: NO_BINDING, build, log });
    const cached = path.join(bindingCacheDir(root, VERSION), BINDING_FILE);
    expect(cached).toBe(
      path.join(root, 'node_modules', '.cache', 'nianbao-electron', VERSION, BINDING_FILE),
    );
    expect(choice).toEqual({
      mode: 'electron',
      binary: path.join(root, 'node_modules', 'electron', 'dist', 'electron'),
      args: [root, '--db', 'x.sqlite'],
      env: { [BINDING_ENV]: cached },
    });
    expect(fs.readFileSync(cached, 'utf8')).toBe(`module for ${VERSION}`);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      source: path.join(root, 'node_modules', 'better-sqlite3'),
      version: VERSION,
      logFile: path.join(bindingCacheDir(root, VERSION), LOG_FILE),
    });
    expect(
      JSON.parse(fs.readFileSync(path.join(bindingCacheDir(root, VERSION), STAMP_FILE), 'utf8')),
    ).toEqual({
      electron: VERSION,
      betterSqlite3: '12.11.1',
      platform: process.platform,
      arch: process.arch,
    });
    // progress in Chinese and English
    expect(lines.join('\n')).toContain(`正在为 Electron ${VERSION} 编译 SQLite 模块`);
    expect(lines.join('\n')).toContain(`building the SQLite module for Electron ${VERSION}`);
    // only the module and its stamp (and no partial file) in the cache
    expect(fs.readdirSync(bindingCacheDir(root, VERSION)).sort()).toEqual([
      BINDING_FILE,
      STAMP_FILE,
    ]);

    // the next start uses the cached module: nothing built, nothing printed
    const again = logger();
    const second = await prepareStart(root, [], { env: NO_BINDING, build, log: again.log });
    expect(second).toMatchObject({ mode: 'electron', env: { [BINDING_ENV]: cached } });
    expect(calls).toHaveLength(1);
    expect(again.lines).toEqual([]);
    expect(cachedBinding(root, VERSION)).toBe(cached);
  });

  it('builds again for another better-sqlite3 version or another Electron version', async () => {
    const root = electronProject();
    const { calls, build } = fakeBuild();
    await prepareStart(root, [], { env: NO_BINDING, build, log: () => {} });
    setSqliteVersion(root, '12.12.0');
    expect(cachedBinding(root, VERSION)).toBeNull();
    await prepareStart(root, [], { env: NO_BINDING, build, log: () => {} });
    expect(calls).toHaveLength(2);
    expect(cachedBinding(root, VERSION)).not.toBeNull();

    fs.writeFileSync(
      path.join(root, 'node_modules', 'electron', 'package.json'),
      JSON.stringify({ version: '46.0.0' }),
    );
    expect(electronVersion(root)).toBe('46.0.0');
    const choice = await prepareStart(root, [], { env: NO_BINDING, build, log: () => {} });
    expect(calls.map((c) => c.version)).toEqual([VERSION, VERSION, '46.0.0']);
    expect(choice).toMatchObject({
      env: { [BINDING_ENV]: path.join(bindingCacheDir(root, '46.0.0'), BINDING_FILE) },
    });
    // a damaged stamp, or a stamp without its module: built again
    fs.writeFileSync(path.join(bindingCacheDir(root, '46.0.0'), STAMP_FILE), '{');
    expect(cachedBinding(root, '46.0.0')).toBeNull();
  });

  it('falls back to the browser mode, saying why, when the build fails', async () => {
    const cases: [unknown, string[]][] = [
      [
        new NativeBuildError('headers', 'node-gyp install: exit 1'),
        [`无法下载 Electron ${VERSION} 的头文件`, HEADERS_URL, 'needs the internet'],
      ],
      [
        new NativeBuildError('compile', 'node-gyp rebuild: exit 1'),
        ['C++ 编译器', 'needs Python 3 and a C++ compiler'],
      ],
      [
        new NativeBuildError('node-gyp', 'none'),
        ['找不到 node-gyp', 'node-gyp (shipped with npm) was not found'],
      ],
      [new Error('disk full'), ['准备 SQLite 模块失败：disk full', 'failed: disk full']],
    ];
    for (const [error, expected] of cases) {
      const root = electronProject();
      const { calls, build } = fakeBuild({ error });
      const choice = await prepareStart(root, ['--port', '8080'], {
        env: NO_BINDING,
        build,
        log: () => {},
      });
      expect(calls).toHaveLength(1);
      expect(choice).toMatchObject({
        mode: 'browser',
        reason: 'no-sqlite',
        args: [path.join(root, 'dist', 'bridge.cjs'), '--port', '8080'],
      });
      const message = (choice as { message: string }).message;
      for (const text of expected) expect(message).toContain(text);
      expect(message).toMatch(/改用浏览器模式。Using the browser mode instead\.$/u);
      // nothing cached: the next start tries again
      expect(cachedBinding(root, VERSION)).toBeNull();
      const dir = bindingCacheDir(root, VERSION);
      expect(fs.existsSync(dir) ? fs.readdirSync(dir) : []).toEqual([]);
    }
  });

  it('a build that writes no module is a failure too', async () => {
    const root = electronProject();
    const choice = await prepareStart(root, [], {
      env: NO_BINDING,
      build: async () => {},
      log: () => {},
    });
    expect(choice).toMatchObject({ mode: 'browser', reason: 'no-sqlite' });
    expect((choice as { message: string }).message).toContain(BINDING_FILE);
  });

  it('builds nothing for the browser mode, or when NIANBAO_SQLITE_BINDING is already set', async () => {
    const { calls, build } = fakeBuild();
    const withElectron = electronProject();
    expect(await prepareStart(withElectron, ['--browser'], { env: NO_BINDING, build })).toEqual(
      chooseStart(withElectron, ['--browser'], NO_BINDING),
    );
    const without = project({ pathTxt: 'electron' });
    expect(await prepareStart(without, [], { env: NO_BINDING, build })).toEqual(
      chooseStart(without, [], NO_BINDING),
    );
    const given = { [BINDING_ENV]: '/opt/my/better_sqlite3.node', OTHER: 'kept' };
    expect(await prepareStart(withElectron, [], { env: given, build })).toMatchObject({
      mode: 'electron',
      env: given,
    });
    expect(calls).toEqual([]);
  });

  it('falls back when the Electron version cannot be read', async () => {
    const root = electronProject({ electron: null });
    const { calls, build } = fakeBuild();
    const choice = await prepareStart(root, [], { env: NO_BINDING, build, log: () => {} });
    expect(choice).toMatchObject({ mode: 'browser', reason: 'no-sqlite' });
    expect((choice as { message: string }).message).toContain('无法读取 Electron 的版本号');
    expect(calls).toEqual([]);
  });
});

// A node-gyp stand-in: records each call (command, arguments, folder, the folder's files), can
// fail or hang on a command, and `rebuild` writes build/Release/better_sqlite3.node.
const FAKE_NODE_GYP = `
const fs = require('node:fs');
const [command, ...args] = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_GYP_RECORD, JSON.stringify({
  command, args, cwd: process.cwd(), files: fs.readdirSync('.').sort(),
}) + '\\n');
console.log('gyp info it worked if it ends with ok');
if (process.env.FAKE_GYP_FAIL === command) {
  console.error('gyp ERR! fake failure of ' + command);
  process.exit(1);
}
if (process.env.FAKE_GYP_HANG === command) setInterval(() => {}, 1000);
else if (command === 'rebuild') {
  fs.mkdirSync('build/Release', { recursive: true });
  fs.writeFileSync('build/Release/better_sqlite3.node', 'built with ' + args.join(' '));
}
`;

interface GypCall {
  command: string;
  args: string[];
  cwd: string;
  files: string[];
}

function fakeNodeGyp(dir: string, file = 'node-gyp.cjs'): string {
  const script = path.join(dir, file);
  fs.mkdirSync(path.dirname(script), { recursive: true });
  fs.writeFileSync(script, FAKE_NODE_GYP);
  return script;
}

function gypCalls(record: string): GypCall[] {
  if (!fs.existsSync(record)) return [];
  return fs
    .readFileSync(record, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as GypCall);
}

function buildSetup(env: Record<string, string> = {}) {
  const root = electronProject();
  const work = tempFolder('nianbao-native-');
  const tmpRoot = path.join(work, 'tmp');
  fs.mkdirSync(tmpRoot);
  const record = path.join(work, 'calls.jsonl');
  return {
    root,
    tmpRoot,
    record,
    request: {
      source: path.join(root, 'node_modules', 'better-sqlite3'),
      version: VERSION,
      output: path.join(work, 'out.node'),
      logFile: path.join(work, 'build.log'),
      nodeGyp: fakeNodeGyp(work),
      headersDir: path.join(work, 'headers'),
      tmpRoot,
      env: { ...process.env, FAKE_GYP_RECORD: record, ...env },
    },
  };
}

describe('buildBinding (with a stand-in for node-gyp)', () => {
  it('downloads the headers then compiles a copy of the package for Electron', async () => {
    const { root, tmpRoot, record, request } = buildSetup();
    await buildBinding(request);
    const common = [
      '--runtime=electron',
      `--target=${VERSION}`,
      `--dist-url=${HEADERS_URL}`,
      `--devdir=${request.headersDir}`,
    ];
    const calls = gypCalls(record);
    expect(calls.map((c) => [c.command, c.args])).toEqual([
      ['install', ['--ensure', ...common]],
      ['rebuild', common],
    ]);
    // in a copy of the package, without its build/ (and node_modules/), never in node_modules
    for (const call of calls) {
      expect(path.basename(call.cwd)).toBe('better-sqlite3');
      expect(fs.realpathSync(path.dirname(path.dirname(call.cwd)))).toBe(fs.realpathSync(tmpRoot));
    }
    expect(calls[0]!.files).toEqual(['binding.gyp', 'deps', 'lib', 'package.json', 'src']);
    expect(fs.readFileSync(request.output, 'utf8')).toBe(`built with ${common.join(' ')}`);
    // the package's own build is untouched; the temporary copy is gone
    const own = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release');
    expect(fs.readdirSync(own)).toEqual(['better_sqlite3.node']);
    expect(fs.readFileSync(path.join(own, 'better_sqlite3.node'), 'utf8')).toBe('the Node build');
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
    // node-gyp's output is in the log
    const log = fs.readFileSync(request.logFile, 'utf8');
    expect(log).toContain(`node-gyp.cjs install --ensure --runtime=electron --target=${VERSION}`);
    expect(log).toContain('gyp info it worked if it ends with ok');
  });

  it('says which step failed, writes nothing and cleans up', async () => {
    for (const [failing, step, ran] of [
      ['install', 'headers', ['install']],
      ['rebuild', 'compile', ['install', 'rebuild']],
    ] as const) {
      const { tmpRoot, record, request } = buildSetup({ FAKE_GYP_FAIL: failing });
      const error = await buildBinding(request).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NativeBuildError);
      expect((error as NativeBuildError).step).toBe(step);
      expect(gypCalls(record).map((c) => c.command)).toEqual(ran);
      expect(fs.existsSync(request.output)).toBe(false);
      expect(fs.readdirSync(tmpRoot)).toEqual([]);
      expect(fs.readFileSync(request.logFile, 'utf8')).toContain(
        `gyp ERR! fake failure of ${failing}`,
      );
    }
    const { request } = buildSetup();
    await expect(buildBinding({ ...request, nodeGyp: null })).rejects.toMatchObject({
      step: 'node-gyp',
    });
  });

  it('stops node-gyp when it takes too long, or when the start is interrupted', async () => {
    const slow = buildSetup({ FAKE_GYP_HANG: 'install' });
    await expect(
      buildBinding({ ...slow.request, timeouts: { headers: 300, compile: 60_000 } }),
    ).rejects.toMatchObject({ step: 'headers', message: expect.stringContaining('timed out') });
    expect(fs.readdirSync(slow.tmpRoot)).toEqual([]);

    const { tmpRoot, record, request } = buildSetup({ FAKE_GYP_HANG: 'rebuild' });
    const controller = new AbortController();
    const building = buildBinding({ ...request, signal: controller.signal });
    const started = Date.now();
    while (!gypCalls(record).some((c) => c.command === 'rebuild')) {
      expect(Date.now() - started).toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    controller.abort();
    const error = await building.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(NativeBuildError);
    expect(fs.existsSync(request.output)).toBe(false);
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
  });

  it('prepareStart with the real build steps: the module, or the browser mode with node-gyp’s error', async () => {
    // the project's own node_modules/node-gyp is the stand-in
    const ok = electronProject();
    fakeNodeGyp(path.join(ok, 'node_modules', 'node-gyp', 'bin'), 'node-gyp.js');
    const record = path.join(tempFolder('nianbao-native-'), 'calls.jsonl');
    const env = { FAKE_GYP_RECORD: record, PATH: process.env.PATH } as NodeJS.ProcessEnv;
    const choice = await prepareStart(ok, [], { env, log: () => {} });
    const cached = path.join(bindingCacheDir(ok, VERSION), BINDING_FILE);
    expect(choice).toMatchObject({ mode: 'electron', env: { [BINDING_ENV]: cached } });
    expect(fs.readFileSync(cached, 'utf8')).toContain(`--target=${VERSION}`);
    expect(gypCalls(record).map((c) => c.command)).toEqual(['install', 'rebuild']);

    const offline = electronProject();
    fakeNodeGyp(path.join(offline, 'node_modules', 'node-gyp', 'bin'), 'node-gyp.js');
    const fallback = await prepareStart(offline, [], {
      env: { ...env, FAKE_GYP_FAIL: 'install' },
      log: () => {},
    });
    expect(fallback).toMatchObject({ mode: 'browser', reason: 'no-sqlite' });
    const message = (fallback as { message: string }).message;
    expect(message).toContain(`无法下载 Electron ${VERSION} 的头文件`);
    expect(message).toContain('gyp ERR! fake failure of install');
    expect(message).toContain(path.join(bindingCacheDir(offline, VERSION), LOG_FILE));
    expect(cachedBinding(offline, VERSION)).toBeNull();
  });
});

describe('findNodeGyp', () => {
  it('prefers the project’s node-gyp, then the one npm names, then npm’s own beside node', () => {
    const root = tempFolder('nianbao-gyp-');
    const nodeHome = tempFolder('nianbao-node-');
    const execPath = path.join(nodeHome, 'bin', 'node');
    expect(findNodeGyp(root, {}, execPath)).toBeNull();

    const bundled = path.join(
      nodeHome,
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    fs.mkdirSync(path.dirname(bundled), { recursive: true });
    fs.writeFileSync(bundled, '');
    expect(findNodeGyp(root, {}, execPath)).toBe(bundled);

    const named = path.join(tempFolder('nianbao-gyp-'), 'node-gyp.js');
    fs.writeFileSync(named, '');
    expect(findNodeGyp(root, { npm_config_node_gyp: named }, execPath)).toBe(named);
    // a name that is not there is passed over
    expect(findNodeGyp(root, { npm_config_node_gyp: `${named}.missing` }, execPath)).toBe(bundled);

    const own = path.join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    fs.mkdirSync(path.dirname(own), { recursive: true });
    fs.writeFileSync(own, '');
    expect(findNodeGyp(root, { npm_config_node_gyp: named }, execPath)).toBe(own);
  });
});
