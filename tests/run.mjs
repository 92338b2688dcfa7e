// `npm test`: checks that the system tools the tests need are installed (and says which Debian
// package to install if not), builds, type-checks, lints and runs every test suite.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

/** System tools some suites need: the command, the Debian package, and who needs it. */
export const REQUIREMENTS = [
  {
    command: 'chromium',
    pkg: 'chromium',
    why: '端到端测试 / end-to-end tests (/usr/bin/chromium)',
  },
  {
    command: 'fc-list',
    probe: 'fc-list :lang=zh family | grep -q .',
    pkg: 'fonts-noto-cjk',
    why: '界面截图中的中文字体 / Chinese fonts for the UI screenshots',
  },
  ...['pdftotext', 'pdffonts', 'pdftoppm', 'pdfinfo'].map((command) => ({
    command,
    pkg: 'poppler-utils',
    why: 'PDF 版式测试 / PDF layout tests',
  })),
  {
    command: 'soffice',
    pkg: 'libreoffice-writer-nogui',
    why: '导入 LibreOffice 转换的真实报告、检查导出的 Word 文档 / real reports converted by LibreOffice (tests/import/converters.test.ts), the exported .docx opened by LibreOffice (tests/export/docx.test.ts)',
  },
];

function has(requirement) {
  const probe = requirement.probe ?? `command -v ${requirement.command}`;
  return spawnSync('sh', ['-c', probe], { stdio: 'ignore' }).status === 0;
}

const missing = REQUIREMENTS.filter((r) => !has(r));
if (missing.length) {
  console.error('测试需要的系统工具没有安装 / System tools the tests need are missing:');
  for (const r of missing)
    console.error(
      `  - ${r.probe ? r.pkg : r.command}（${r.why}）：sudo apt-get install -y ${r.pkg}`,
    );
  console.error(
    `\n一次安装 / install all: sudo apt-get install -y ${[...new Set(missing.map((r) => r.pkg))].join(' ')}`,
  );
  process.exit(1);
}
if (!existsSync(path.join(root, 'node_modules'))) {
  console.error(
    '依赖没有安装，请先运行 npm install / Dependencies are missing: run npm install first.',
  );
  process.exit(1);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const steps = [
  ['构建 build', process.execPath, ['electron/build.mjs']],
  ['类型检查 typecheck (core)', bin('tsc'), ['--noEmit', '-p', 'core/tsconfig.json']],
  ['类型检查 typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']],
  ['类型检查 typecheck (renderer)', bin('tsc'), ['--noEmit', '-p', 'renderer/tsconfig.json']],
  ['代码检查 lint', bin('eslint'), ['.']],
  ['格式检查 format', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  ['测试 tests', bin('vitest'), ['run', ...process.argv.slice(2)]],
];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n✗ ${name} 失败 / failed`);
    process.exit(result.status ?? 1);
  }
}
console.log('\n✓ 全部通过 / all passed');
