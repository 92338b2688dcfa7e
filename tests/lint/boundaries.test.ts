// The folder boundaries are a lint rule (eslint.config.js); these tests prove the rule bites, so
// it cannot erode silently: each forbidden import is linted as if it stood in the folder.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages
    .filter((m) => m.ruleId?.startsWith('no-restricted'))
    .map((m) => m.message);
}

describe('folder boundaries', () => {
  it('core/ imports no Node API, no Electron, no other folder, no DOM', async () => {
    expect(
      await problems('core/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).not.toEqual([]);
    expect(
      await problems('core/x.ts', "import path from 'path';\nexport const a = path;\n"),
    ).not.toEqual([]);
    expect(
      await problems('core/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).not.toEqual([]);
    expect(
      await problems('core/x.ts', "import { a } from '../electron/cli/io';\nexport const b = a;\n"),
    ).not.toEqual([]);
    expect(
      await problems(
        'core/checks/x.ts',
        "import { a } from '../../db/schema';\nexport const b = a;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems('core/x.ts', "import { a } from '../renderer/app';\nexport const b = a;\n"),
    ).not.toEqual([]);
    expect(await problems('core/x.ts', 'export const a = document.title;\n')).not.toEqual([]);
    expect(await problems('core/x.ts', 'export const a = process.env;\n')).not.toEqual([]);
    // what core may do
    expect(
      await problems(
        'core/x.ts',
        "import { z } from 'zod';\nimport { compact } from './text';\nexport const a = [z, compact];\n",
      ),
    ).toEqual([]);
  });

  it('renderer/ imports only core/', async () => {
    expect(
      await problems('renderer/x.ts', "import fs from 'node:fs';\nexport const a = fs;\n"),
    ).not.toEqual([]);
    expect(
      await problems(
        'renderer/x.ts',
        "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems('renderer/x.ts', "import { a } from '../db/archive';\nexport const b = a;\n"),
    ).not.toEqual([]);
    expect(
      await problems(
        'renderer/x.ts',
        "import { a } from '../electron/services/files';\nexport const b = a;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems(
        'renderer/x.ts',
        "import { runChecks } from '../core/checks';\nexport const a = runChecks;\n",
      ),
    ).toEqual([]);
  });

  it('renderer/models/ is DOM-free: no DOM globals, no Lit, only core/ and other models', async () => {
    const model = 'renderer/models/x.ts';
    expect(await problems(model, 'export const a = document.title;\n')).not.toEqual([]);
    expect(await problems(model, 'export const a = window.innerWidth;\n')).not.toEqual([]);
    expect(
      await problems(model, 'export const a = (e: unknown) => e instanceof HTMLElement;\n'),
    ).not.toEqual([]);
    expect(await problems(model, 'export const a = requestAnimationFrame;\n')).not.toEqual([]);
    expect(
      await problems(model, "import { html } from 'lit';\nexport const a = html;\n"),
    ).not.toEqual([]);
    expect(
      await problems(
        model,
        "import { directive } from 'lit/directive.js';\nexport const a = directive;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems(model, "import { api } from '../api';\nexport const a = api;\n"),
    ).not.toEqual([]);
    expect(
      await problems(
        model,
        "import { ReportEditor } from '../state/editor';\nexport const a = ReportEditor;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems(model, "import { theme } from '../styles/theme';\nexport const a = theme;\n"),
    ).not.toEqual([]);
    // the same code is fine in a component
    expect(
      await problems(
        'renderer/components/x/x.ts',
        "import { html } from 'lit';\nexport const a = [html, document.title];\n",
      ),
    ).toEqual([]);
    // what a model may do
    expect(
      await problems(
        model,
        "import { parseCell } from '../../core/cells';\nimport type { ApiError } from '../../core/api';\nimport { tableGrid } from './table-grid';\nexport const a = [parseCell, tableGrid, setTimeout];\nexport type B = ApiError;\n",
      ),
    ).toEqual([]);
  });

  it('tests and benchmarks import of the renderer only its models and helpers', async () => {
    expect(
      await problems(
        'tests/renderer/x.test.ts',
        "import { target } from '../../renderer/models/grid-selection';\nexport const a = target;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'tests/renderer/x.test.ts',
        "import { LatestRequest } from '../../renderer/lib/latest';\nexport const a = LatestRequest;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'tests/renderer/x.test.ts',
        "import { NbReport } from '../../renderer/components/nb-report/nb-report';\nexport const a = NbReport;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems(
        'bench/x.ts',
        "import { ReportEditor } from '../renderer/state/editor';\nexport const a = ReportEditor;\n",
      ),
    ).not.toEqual([]);
  });

  it('db/ imports only core/ (and Node), never Electron or the renderer', async () => {
    expect(
      await problems('db/x.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).not.toEqual([]);
    expect(
      await problems(
        'db/x.ts',
        "import { a } from '../electron/services/files';\nexport const b = a;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems('db/x.ts', "import { a } from '../renderer/app';\nexport const b = a;\n"),
    ).not.toEqual([]);
    expect(
      await problems(
        'db/x.ts',
        "import fs from 'node:fs';\nimport { FORMATS } from '../core/formats';\nexport const a = [fs, FORMATS];\n",
      ),
    ).toEqual([]);
  });

  it('services, the CLI and the HTTP bridge never import electron', async () => {
    expect(
      await problems(
        'electron/services/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems(
        'electron/bridge/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).not.toEqual([]);
    expect(
      await problems(
        'electron/main/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toEqual([]);
    expect(
      await problems(
        'electron/cli/x.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).not.toEqual([]);
  });
});
