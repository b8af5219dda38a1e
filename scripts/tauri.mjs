#!/usr/bin/env node
// Run the Tauri CLI against the one config, tauri.conf.json at the repository root.
//
//   node scripts/tauri.mjs build --bundles deb    # any `tauri` arguments (the Makefile uses this)
//   node scripts/tauri.mjs --write-config         # only write src-tauri/tauri.conf.json, keep it
//                                                 # (the release workflow, before tauri-action)
//   node scripts/tauri.mjs --print-config         # print what would be written (tests)
//
// Why: `cargo` reads the root config directly (`generate_context!("../tauri.conf.json")` and
// `config_path` in src-tauri/build.rs), but the CLI only reads a config that sits beside the
// app's Cargo.toml [package], i.e. src-tauri/tauri.conf.json. A symlink did that once; Windows
// checkouts turn symlinks into text files. So this writes a copy there for the CLI, with the
// paths inside rebased from the root to src-tauri/, runs the CLI, and removes the copy again
// (it is never committed: tests/release/test_layout.py fails if it is).
// Works the same on Linux, macOS and Windows (node only, no shell).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const APP_DIR = join(ROOT, 'src-tauri');
export const CLI_CONFIG = join(APP_DIR, 'tauri.conf.json');

// Config values that are file paths, relative to the config's folder. A path key missing here
// would reach the CLI unrebased: tests/release/test_layout.py fails then (it checks that every
// value in the config naming a file or folder in the repository is rebased).
const PATH_KEYS = [
  ['build', 'frontendDist'],
  ['bundle', 'icon'],
  ['bundle', 'resources'],
  ['bundle', 'licenseFile'],
  ['bundle', 'macOS', 'entitlements'],
  ['bundle', 'windows', 'nsis', 'installerIcon'],
  ['app', 'trayIcon', 'iconPath'],
];

const isRelativePath = (p) =>
  typeof p === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(p) && !p.startsWith('/');
const rebase = (p) => (isRelativePath(p) ? `../${p}` : p);

/** The root config with its file paths made relative to src-tauri/ (what the CLI expects). */
export function cliConfig(rootConfig) {
  const conf = structuredClone(rootConfig);
  for (const keys of PATH_KEYS) {
    const parent = keys.slice(0, -1).reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), conf);
    const last = keys.at(-1);
    if (!parent || typeof parent !== 'object' || !(last in parent)) continue;
    const value = parent[last];
    if (Array.isArray(value)) {
      parent[last] = value.map(rebase);
    } else if (value && typeof value === 'object') {
      // bundle.resources as a map: source path -> target path in the bundle
      parent[last] = Object.fromEntries(Object.entries(value).map(([src, dst]) => [rebase(src), dst]));
    } else {
      parent[last] = rebase(value);
    }
  }
  return conf;
}

function cliConfigText() {
  const root = JSON.parse(readFileSync(join(ROOT, 'tauri.conf.json'), 'utf8'));
  return `${JSON.stringify(cliConfig(root), null, 2)}\n`;
}

export function writeCliConfig() {
  writeFileSync(CLI_CONFIG, cliConfigText());
}

function runCli(args) {
  const cli = join(ROOT, 'node_modules', '@tauri-apps', 'cli', 'tauri.js');
  if (!existsSync(cli)) {
    console.error('tauri.mjs: the Tauri CLI is not installed (run `make deps` or `npm install`)');
    return 1;
  }
  writeCliConfig();
  // Ctrl-C reaches the CLI too; wait for it to stop, then clean up.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  try {
    const r = spawnSync(process.execPath, [cli, ...args], {
      stdio: 'inherit',
      env: { ...process.env, TAURI_APP_PATH: APP_DIR },
    });
    if (r.error) throw r.error;
    return r.status ?? 1;
  } finally {
    rmSync(CLI_CONFIG, { force: true });
  }
}

const isMain = () =>
  process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));

if (isMain()) {
  const args = process.argv.slice(2);
  if (args.length === 1 && args[0] === '--print-config') {
    process.stdout.write(cliConfigText());
  } else if (args.length === 1 && args[0] === '--write-config') {
    writeCliConfig();
    console.log(`wrote ${CLI_CONFIG}`);
  } else {
    process.exitCode = runCli(args);
  }
}
