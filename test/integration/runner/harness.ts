// The shared harness for everything that runs a real VS Code here: code-server (VS Code server +
// web workbench, Node extension host) from .cache/vscode-offline/, and Debian's Chromium driven by
// playwright-core. Used by the integration runner (code-server.ts), the UI tests (test/ui/) and
// `npm start` (start.ts).
//
// Guarantees:
// - all state lives in a fresh run folder under .cache/vscode-offline/runs/ (removed afterwards);
// - loopback ports come from the OS (listen on port 0), with a retry if a port is taken meanwhile;
// - every process started here is stopped: code-server runs in its own process group, which is
//   killed on stop, on SIGINT/SIGTERM/SIGHUP and (SIGKILL) on exit; Chromium is closed likewise.
//   scripts/lib/supervise.sh adds a hard timeout and a final sweep by a per-run environment marker.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, SAMPLES_DIR, writeUserSettings } from './common';

export { REPO_ROOT, SAMPLES_DIR };

export const VSO_CACHE = process.env.VSO_CACHE || path.join(REPO_ROOT, '.cache', 'vscode-offline');
const NODE24_BIN = process.env.NODE24_BIN || path.join(VSO_CACHE, 'node24/node_modules/node/bin/node');
const CODE_SERVER_PKG = process.env.CODE_SERVER_PKG || path.join(VSO_CACHE, 'code-server/node_modules/code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** The zh-cn language pack that scripts/install-vscode-offline.sh builds (scripts/lib/build-zh-language-pack.mjs). */
export const ZH_LANGUAGE_PACK = path.join(VSO_CACHE, 'zh-hans-pack');

const t0 = Date.now();
export function log(...args: unknown[]): void {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s]`, ...args);
}

// ---------------------------------------------------------------- process bookkeeping
const groups = new Set<number>(); // process-group ids (= leader pids) to kill on exit
const closers = new Set<() => Promise<void>>();
let shuttingDown: Promise<void> | undefined;

/**
 * Stops everything started through this module. Concurrent calls share one pass; a later call
 * stops what was started since (several UI suites each open and close a workbench in one process).
 */
export function shutdown(): Promise<void> {
  shuttingDown ??= (async () => {
    for (const close of [...closers].reverse()) await close().catch((e) => log('cleanup error:', e));
    closers.clear();
  })().finally(() => { shuttingDown = undefined; });
  return shuttingDown;
}

process.on('exit', () => {
  for (const pgid of groups) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  }
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping code-server and Chromium`);
    const hard = setTimeout(() => process.exit(130), 10_000);
    void shutdown().finally(() => { clearTimeout(hard); process.exit(130); });
  });
}

function groupAlive(pgid: number): boolean {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

async function killGroup(pgid: number): Promise<void> {
  if (!groups.has(pgid)) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* gone */ }
  for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
  }
  groups.delete(pgid);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Rejects after `ms` with a message naming what timed out. */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timeout after ${ms / 1000} s: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- run folder
export interface Run {
  name: string;
  dir: string;
  /** The folder to open: a copy of the sample texts (tests may edit it), or media/samples itself. */
  workspace: string;
}

/** Removes run folders left by a harness that was killed outright (its owner.pid is gone). */
function pruneDeadRuns(runs: string): void {
  for (const name of fs.readdirSync(runs)) {
    const dir = path.join(runs, name);
    let owner = 0;
    try { owner = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8')); } catch { /* none */ }
    let alive = false;
    try { if (owner > 0) { process.kill(owner, 0); alive = true; } } catch { /* not running */ }
    if (!alive && (owner > 0 || Date.now() - fs.statSync(dir).mtimeMs > 3_600_000)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh folder under .cache/vscode-offline/runs/ holding all state of one run; removed at shutdown. */
export function createRun(name: string, opts: { copySamples?: boolean } = {}): Run {
  const runs = path.join(VSO_CACHE, 'runs');
  fs.mkdirSync(runs, { recursive: true });
  pruneDeadRuns(runs);
  const dir = fs.mkdtempSync(path.join(runs, `${name}-`));
  fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  let workspace = SAMPLES_DIR;
  if (opts.copySamples !== false) {
    workspace = path.join(dir, 'workspace');
    fs.cpSync(SAMPLES_DIR, workspace, { recursive: true });
  }
  closers.add(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return { name, dir, workspace };
}

// ---------------------------------------------------------------- ports
/** A loopback port that the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

// ---------------------------------------------------------------- code-server
export interface CodeServer {
  port: number;
  /** http://127.0.0.1:PORT/ */
  url: string;
  logFile: string;
  /** `vscode-remote://` URI of a path on this machine, as the workbench needs it in a payload. */
  remote(p: string): string;
  /** The workbench URL opening `folder`, optionally with an extension development / tests payload. */
  workbenchUrl(folder: string, payload?: { extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  stop(): Promise<void>;
}


export interface CodeServerOptions {
  run: Run;
  /** Honour ?payload= (extensionDevelopmentPath, extensionTestsPath): needed to load the extension. */
  smokeTestDriver?: boolean;
  /** Extra environment for code-server; it reaches the extension host and so the tests. */
  env?: Record<string, string>;
  /** Fixed port (npm start: POLICY_ANNOTATOR_PORT); default: a free one from the OS. */
  port?: number;
  settings?: Record<string, unknown>;
  /**
   * Leave workspace trust on (no `--disable-workspace-trust`): the folder opens in Restricted Mode
   * unless trusted. Pass `security.workspace.trust.*` settings to keep the prompts away.
   */
  workspaceTrust?: boolean;
  /** `--locale`: the display language of the workbench (and so `vscode.env.language`). */
  locale?: string;
  /**
   * A language pack extension folder (scripts/lib/build-zh-language-pack.mjs) to install first.
   * code-server reads the packs from `languagepacks.json` in the user data folder when it serves
   * the workbench, but writes that file only later, after an install through the UI: so it is
   * written here, in the form VS Code's own language pack cache writes it.
   */
  languagePack?: string;
}

function installLanguagePack(pack: string, userDataDir: string, extensionsDir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(pack, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const target = path.join(extensionsDir, `${id}-${manifest.version}`);
  fs.cpSync(pack, target, { recursive: true });
  const packs: Record<string, unknown> = {};
  for (const loc of manifest.contributes.localizations) {
    const vscodeTranslations = loc.translations.find((t: { id: string }) => t.id === 'vscode');
    packs[loc.languageId] = {
      // The hash names code-server's cache folder of generated messages (clp/HASH.LOCALE/).
      hash: `${manifest.version}-${fs.statSync(path.join(target, vscodeTranslations.path)).size}`,
      extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
      translations: { vscode: path.join(target, vscodeTranslations.path) },
      label: loc.localizedLanguageName,
    };
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const entry = path.join(CODE_SERVER_PKG, 'out/node/entry.js');
  for (const [what, p] of [['Node 24', NODE24_BIN], ['code-server', entry]]) {
    if (!fs.existsSync(p)) throw new Error(`${what} not found at ${p}: run scripts/install-vscode-offline.sh`);
  }
  const dir = opts.run.dir;
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  writeUserSettings(userDataDir, opts.settings);
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (opts.languagePack) installLanguagePack(opts.languagePack, userDataDir, extensionsDir);
  const config = path.join(dir, 'code-server.yaml'); // keeps code-server away from ~/.config/code-server
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const logFile = path.join(dir, 'code-server.log');

  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? await freePort();
    const args = [
      entry, '--config', config, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
      '--disable-telemetry', '--disable-update-check', ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override', '--reconnection-grace-time', '5',
      ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...(opts.locale ? ['--locale', opts.locale] : []),
    ];
    const out = fs.openSync(logFile, 'a');
    const child: ChildProcess = spawn(NODE24_BIN, args, {
      detached: true, // own process group (setsid): killed as a whole
      stdio: ['ignore', out, out],
      env: { ...process.env, PATH: `${path.dirname(NODE24_BIN)}:${process.env.PATH}`, ...opts.env },
    });
    fs.closeSync(out);
    const pgid = child.pid!;
    groups.add(pgid);
    let exited = false;
    child.on('exit', () => { exited = true; });
    const stop = () => killGroup(pgid);
    closers.add(stop);

    const deadline = Date.now() + 60_000;
    while (!exited && Date.now() < deadline && !(await healthy(port))) await sleep(250);
    if (!exited && Date.now() < deadline) {
      log(`code-server ${path.basename(CODE_SERVER_PKG)} up on 127.0.0.1:${port} (pid ${pgid})`);
      const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
      return {
        port, logFile, remote, stop,
        url: `http://127.0.0.1:${port}/`,
        workbenchUrl(folder, payload) {
          let u = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`;
          const entries: [string, string][] = [];
          if (payload?.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', remote(payload.extensionDevelopmentPath)]);
          if (payload?.extensionTestsPath) entries.push(['extensionTestsPath', remote(payload.extensionTestsPath)]);
          if (entries.length) u += `&payload=${encodeURIComponent(JSON.stringify(entries))}`;
          return u;
        },
      };
    }
    await stop();
    closers.delete(stop);
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    if (attempt >= 3 || opts.port) throw new Error(`code-server did not start on port ${port}:\n${tail}`);
    log(`code-server did not start on port ${port} (attempt ${attempt}), retrying on another port`);
  }
}

// ---------------------------------------------------------------- Chromium
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run scripts/install-vscode-offline.sh`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    // Our own handlers stop code-server too (see above).
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    // Without the networking flags Chromium keeps dialling Google hosts on this offline machine.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--lang=en-US'],
  });
  const pid = (browser as unknown as { process?: () => ChildProcess | null }).process?.()?.pid;
  if (pid) groups.add(pid); // playwright starts Chromium in its own process group
  closers.add(async () => {
    await withTimeout(browser.close(), 15_000, 'closing Chromium').catch(() => undefined);
    if (pid) await killGroup(pid);
  });
  return browser;
}

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
  return context.newPage();
}

/** Waits for the workbench to be usable (explorer shown, extension host up). */
export async function waitForWorkbench(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
}
