// Shared by the browser suites: build the web app once per change (a lock keeps two suites from building
// at the same time), start the real server (`node bin/hqs.js start`) on 127.0.0.1 with a temporary PGlite
// data directory, launch Debian's Chromium through playwright-core (never a downloaded browser), and
// check pages with axe-core.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHOTS = join(ROOT, 'docs/screenshots');
const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

function newestMtime(p: string): number {
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(p).reduce((m, f) => Math.max(m, newestMtime(join(p, f))), s.mtimeMs);
}

/** Builds web/dist unless it is newer than every source of it. */
export async function ensureWebBuilt(): Promise<void> {
  const lock = join(ROOT, 'web/.build-lock');
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      try {
        if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true }); // left by a killed run
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`${lock} is held for over 4 minutes: remove it if no build runs`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    const index = join(ROOT, 'web/dist/index.html');
    const sources = Math.max(
      ...[
        'web/src',
        'web/index.html',
        'web/vite.config.ts',
        'web/public',
        'locales',
        'law/countries.yaml',
        'law/regions.yaml',
      ].map((p) => newestMtime(join(ROOT, p))),
    );
    if (existsSync(index) && statSync(index).mtimeMs > sources) return;
    // NODE_ENV=production: vitest sets "test", which would build React's development bundle.
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        join(ROOT, 'web/vite.config.ts'),
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } },
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface TestServer {
  url: string;
  dataDir: string;
  child: ChildProcess;
  close(): Promise<void>;
}

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hqs-browser-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin/hqs.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HQS_DATA_DIR: dataDir, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, killed whole below
  });
  let log = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the server did not start within 90 s; its output:\n${log}`)),
      90_000,
    );
    const onData = (d: Buffer) => {
      log += d.toString();
      const m = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it started; its output:\n${log}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        const group = (signal: NodeJS.Signals) => {
          try {
            process.kill(-child.pid!, signal);
          } catch {
            /* gone */
          }
        };
        group('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        // A server in a CPU loop ignores SIGTERM: the whole group goes.
        if (child.exitCode === null && child.signalCode === null) group('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fontconfig file that adds the project's own Noto Sans SC (the font the PDFs embed) to the system's fonts,
 * so Chinese pages draw their characters in screenshots on a machine without a CJK font (else: boxes).
 */
function fontConfig(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hqs-fonts-'));
  const font = (w: string) => join(ROOT, 'node_modules/@expo-google-fonts/noto-sans-sc', w);
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${font('400Regular')}</dir>
  <dir>${font('700Bold')}</dir>
  <cachedir>${join(dir, 'cache')}</cachedir>
</fontconfig>
`,
  );
  return file;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: the browser tests need Debian's Chromium (apt-get install chromium; scripts/test-prereqs.sh installs it when run as root)`,
    );
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    env: { ...process.env, FONTCONFIG_FILE: fontConfig() },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export type TestPage = Page & { errors: string[] };

export async function newPage(
  browser: Browser,
  opts: { width?: number; locale?: string } = {},
): Promise<{ context: BrowserContext; page: TestPage }> {
  // bypassCSP: only so axe-core can be injected; the app itself runs under the server's policy.
  const context = await browser.newContext({
    locale: opts.locale ?? 'en-GB',
    viewport: { width: opts.width ?? 1000, height: 900 },
    bypassCSP: true,
    acceptDownloads: true,
  });
  const page = (await context.newPage()) as TestPage;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  // A refused session check (401) is how a signed-out page learns it is signed out: Chromium logs the
  // request, which is not an error of the page.
  page.on(
    'console',
    (m) =>
      m.type() === 'error' &&
      !/Failed to load resource: .* 401 \(Unauthorized\)/.test(m.text()) &&
      page.errors.push(m.text()),
  );
  return { context, page };
}

/** Serious and critical axe-core violations on the page, as "rule: targets". */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe'))?.toString().includes('object')) await page.evaluate(AXE);
  return page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  ) as Promise<string[]>;
}

export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), `axe on ${where}`).toEqual([]);
}

export async function headingFocused(page: Page): Promise<boolean> {
  return page.evaluate(`document.activeElement && document.activeElement.tagName === 'H1'`) as Promise<boolean>;
}

/** Elements that stick out to the right of the viewport (a page must not scroll sideways on a phone). */
export function tooWide(page: Page): Promise<string[]> {
  return page.evaluate(
    `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && getComputedStyle(e).position !== 'absolute' && !e.closest('.table-wrap')).slice(0, 5).map((e) => e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 40))`,
  ) as Promise<string[]>;
}

/**
 * The lines of `main` in a Chinese page that still carry English: a Latin word of three letters or more left
 * after what is meant to be Latin is taken out — names in capitals as in a passport (LI NA), passport and
 * document numbers, e-mail addresses, the product's name, currency codes, file names.
 */
export async function englishLines(page: Page): Promise<string[]> {
  // Folded parts count too (the legal notes sit in <details>).
  await page.evaluate('document.querySelectorAll("main details").forEach((d) => { d.open = true; })');
  const text = await page.locator('main').innerText();
  const allowed = [
    /\bHQS Desk\b/g,
    /\b[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)*\b/g, // a name or a code in capitals, as in a passport
    /\b[A-Z0-9]*\d[A-Z0-9]*\b/g, // a passport or document number
    /\S+@\S+/g,
    /\b[\w.-]+\.(?:pdf|jpe?g|png|xlsx|csv|ics|docx)\b/gi,
  ];
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => {
      let rest = line;
      for (const re of allowed) rest = rest.replace(re, ' ');
      return /[A-Za-z]{3,}/.test(rest);
    });
}

/**
 * Internal identifiers a Russian reader must never meet (the sibling of englishLines): an obligation's key
 * (`contract-notification:2026-11-10`), a person's id (`p1:`), a duty's or a document's key in brackets
 * (`(duty.invitation)`), an event type (`событие contract-signed`), a confidence level in English, a source's
 * id (`Gov-Bill-2026-Migration`, `Practice-HQS-Guides`), a UUID, an ISO date. Returns each offending line.
 */
export const INTERNAL_ID_PATTERNS: readonly RegExp[] = [
  /\b[a-z]+(?:-[a-z]+)+:\d{4}-\d{2}-\d{2}\b/,
  /(?:^|[\s(«])p\d+:/,
  /\((?:duty|doc|rule|step|finding|obligation)\.[\w.-]+\)/,
  /событие [a-z]+(?:-[a-z]+)+/,
  /достоверность: (?:low|medium|high)/,
  /\b[A-Z][A-Za-z]+(?:-[A-Z0-9][A-Za-z0-9]*){2,}\b/,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i,
  /\b\d{4}-\d{2}-\d{2}\b/,
];

export async function internalIdLines(page: Page): Promise<string[]> {
  await page.evaluate('document.querySelectorAll("main details").forEach((d) => { d.open = true; })');
  const text = await page.locator('main').innerText();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => INTERNAL_ID_PATTERNS.some((re) => re.test(line)));
}
