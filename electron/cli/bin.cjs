#!/usr/bin/env node
// The `nianbao` command. Runs the bundled CLI (dist/cli.cjs, built by `npm install`'s prepare
// step); builds it first when it is missing in a checkout.
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', '..', 'dist', 'cli.cjs');
if (!fs.existsSync(bundle)) {
  const { spawnSync } = require('node:child_process');
  const build = spawnSync(process.execPath, [path.join(__dirname, '..', 'build.mjs')], {
    stdio: 'inherit',
  });
  if (build.status !== 0 || !fs.existsSync(bundle)) {
    process.stderr.write(
      'nianbao 尚未构建，请先在项目目录运行 npm install（或 npm run build）。\n',
    );
    process.exit(2);
  }
}
require(bundle);
