// Hostile model output through the whole chain, in a real Chromium: the local endpoint answers
// with each payload of the XSS corpus (POST /_local/reply), the real SDK streams it, the real chat
// host (ChatSession + HostRouter) forwards it, and the real webview bundle renders it inside the
// shipped page template and CSP. The payloads try to call a canary; none may. Links must be inert
// unless http(s), and those only reach the host as an "open link" request (VS Code's opener).
// The corpus runs twice: as shipped, and with the CSP removed, so the sanitizer is proven on its
// own (the CSP is the second wall, not the only one).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../../scripts/lib/browser';
import { repoRoot } from '../../scripts/lib/paths';
import { createRunFolder, isolatedEnv, type RunFolder } from '../../scripts/lib/runFolder';
import { BedrockService } from '../../src/bedrock/service';
import { ChatEvents, ChatRequests, type ModelsView } from '../../src/protocol/chat';
import { checkLink, LinkRequests } from '../../src/protocol/links';
import { ChatSession } from '../../src/playground/chat/chatSession';
import { defaultOptions } from '../../src/playground/chat/conversation';
import { ConversationStore } from '../../src/playground/chat/conversationStore';
import { fillTemplate } from '../../src/playground/html';
import { modelOptions } from '../../src/playground/chat/modelOptions';
import type { HostToWebview } from '../../src/protocol/envelope';
import { HostRouter } from '../../src/playground/router';
import { XSS_PAYLOADS } from '../fixtures/xss/payloads';
import { startLocalBedrock, type LocalBedrock } from '../localBedrock/server';
import { LocalBedrockControl } from '../support/localBedrockControl';
import { Changes, Recorded } from '../support/changes';
import { Screenshots } from './support/artifacts';
import { settled } from './support/workbench';

const ORIGIN = 'https://webview.test';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

declare global {
  interface Window {
    __xssCanary(id: string): void;
    __fired: string[];
    __toHost(message: unknown): void;
  }
}

/** The webview bundle, built from source as esbuild.mjs builds it. */
async function buildWebview(outdir: string): Promise<string> {
  await esbuild.build({
    entryPoints: { webview: path.join(repoRoot, 'webview/main.ts') },
    bundle: true, platform: 'browser', format: 'iife', target: 'es2022', outdir, loader: { '.css': 'text' }, logLevel: 'warning',
  });
  return path.join(outdir, 'webview.js');
}

/** The real host side of one chat panel, posting into the page. */
class Host {
  readonly router: HostRouter;
  readonly session: ChatSession;
  /** The links the page asked VS Code's opener to open; `openedLinks.changes.until(...)` waits for them. */
  readonly openedLinks = new Recorded<string>();
  readonly problems: string[] = [];
  private queue = Promise.resolve();

  constructor(private readonly page: Page, service: BedrockService, store: ConversationStore) {
    const post = (m: HostToWebview) => this.deliver(m);
    this.router = new HostRouter(post, { warn: (m) => this.problems.push(m), error: (m) => this.problems.push(String(m)) });
    this.session = new ChatSession('hostile', store, service, {
      notify: (e, params) => post({ type: 'notify', method: e.method, params: structuredClone(params) }),
      setTitle: () => undefined,
      warn: (m) => this.problems.push(m),
    }, () => defaultOptions(HAIKU));
    this.router.onReady(() => {
      void this.session.sendState().then(async () => {
        const catalog = await service.catalog();
        const view: ModelsView = { models: modelOptions(catalog, service), loading: false, region: 'us-east-1', local: true, preferredId: HAIKU };
        post({ type: 'notify', method: ChatEvents.models.method, params: view });
      });
    });
    this.router.onStream(ChatRequests.send, (p, c) => this.session.send(p, c));
    // What linkOpener.ts does before asking the user: only web (and mail) links get that far.
    this.router.onRequest(LinkRequests.open, ({ url }) => {
      if (!checkLink(url).ok) return { outcome: 'refused' as const };
      this.openedLinks.push(url);
      return { outcome: 'opened' as const };
    });
  }

  /** Messages reach the page one at a time, in order, as postMessage delivers them. */
  private deliver(m: HostToWebview): void {
    this.queue = this.queue.then(() => this.page.evaluate((msg) => window.dispatchEvent(new MessageEvent('message', { data: msg })), m)).then(() => undefined, () => undefined);
  }

  async settled(): Promise<void> {
    await this.queue;
  }
}

/** The requests a page has in flight; idle() resolves once none is, re-checked as each one settles. */
class NetworkTracker {
  private readonly inFlight = new Set<unknown>();
  private readonly changes = new Changes();
  constructor(page: Page) {
    page.on('request', (r) => { this.inFlight.add(r); this.changes.changed(); });
    const done = (r: unknown) => { this.inFlight.delete(r); this.changes.changed(); };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }
  idle(timeoutMs = 60_000): Promise<true> {
    return this.changes.until(() => this.inFlight.size === 0 || undefined, 'the page\'s requests to settle', timeoutMs);
  }
}
const network = new WeakMap<Page, NetworkTracker>();

interface PageFindings {
  fired: string[];
  elements: string[];
  handlers: string[];
  badLinks: string[];
  styled: number;
  answers: number;
}

/** Everything in the answers that could run or restyle: there must be none of it. */
async function inspect(page: Page): Promise<PageFindings> {
  // A string for the same reason as the init script.
  return page.evaluate(`(() => {
    const answers = [...document.querySelectorAll('.turn-assistant .turn-body')];
    const within = (sel) => answers.flatMap((a) => [...a.querySelectorAll(sel)]);
    const all = within('*');
    return {
      fired: window.__fired,
      elements: within('script, iframe, object, embed, svg, math, img, style, link, meta, base, form, input, button, video, audio, source, frame, frameset, template, details, marquee').map((e) => e.outerHTML.slice(0, 120)),
      handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => e.tagName + ' ' + a.name)),
      badLinks: within('a[href], [src], [action], [formaction]').flatMap((e) => {
        const v = e.getAttribute('href') ?? e.getAttribute('src') ?? e.getAttribute('action') ?? e.getAttribute('formaction') ?? '';
        return /^https?:\\/\\//i.test(v) ? [] : [e.tagName + ' ' + v.slice(0, 80)];
      }),
      styled: all.filter((e) => e.hasAttribute('style')).length,
      answers: answers.length,
    };
  })()`);
}

describe('hostile model output in the real webview (Chromium)', function () {
  this.timeout(300_000);
  let local: LocalBedrock;
  let control: LocalBedrockControl;
  let service: BedrockService;
  let folder: RunFolder;
  let browser: BrowserContext;
  let script: string;
  let storeRoot: string;
  const shots = new Screenshots('hostile-output');
  const summary = { payloads: 0, runs: 0, linksClicked: 0, opened: 0 };
  // Each page gets a conversation store of its own: a page must not restore another test's turns.
  let pages = 0;

  before(async () => {
    folder = createRunFolder('e2e-hostile');
    script = await buildWebview(folder.tmp);
    local = await startLocalBedrock({ port: 0 });
    control = new LocalBedrockControl(local.endpoint);
    service = new BedrockService(() => ({ region: 'us-east-1', endpoint: local.endpoint, local: true, maxAttempts: 1 }));
    storeRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-store-'));
    browser = await launchBrowser(folder, isolatedEnv(folder, { hermetic: true }), { width: 1000, height: 900 });
  });
  after(async () => {
    await browser?.close();
    service?.dispose();
    await local?.close();
    fs.rmSync(storeRoot, { recursive: true, force: true });
    folder?.remove();
    console.log(`\n  Hostile output summary: ${summary.payloads} payloads streamed in ${summary.runs} runs, nothing executed; ${summary.linksClicked} links clicked, ${summary.opened} http(s) links sent to VS Code's opener, every other link inert`);
  });

  async function openPage(withCsp: boolean): Promise<{ page: Page; host: Host }> {
    const page = await browser.newPage();
    network.set(page, new NetworkTracker(page));
    if (process.env.HOSTILE_DEBUG) page.on('console', (m) => console.log(`[page] ${m.text()}`));
    if (process.env.HOSTILE_DEBUG) page.on('pageerror', (e) => console.log(`[page error] ${e.message}`));
    const template = fs.readFileSync(path.join(repoRoot, 'media/playground.html'), 'utf8');
    let html = fillTemplate(template, {
      cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/media/playground.css`, boot: { panelId: 'hostile', tab: 'chat' },
    });
    if (!withCsp) html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    assert.equal(html.includes('Content-Security-Policy'), withCsp);
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
      if (url.pathname === '/dist/webview.js') return route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(script, 'utf8') });
      const file = path.join(repoRoot, url.pathname);
      if (url.pathname.startsWith('/media/') && fs.existsSync(file)) return route.fulfill({ path: file });
      return route.fulfill({ status: 404, body: '' });
    });
    // Anything else a payload tries to load (other origins, data: documents) is recorded and refused.
    const host = { current: undefined as Host | undefined };
    await page.exposeFunction('__toHost', (m: unknown) => host.current?.router.handle(m));
    // A string, not a function: the test runner's transform would add helpers the page lacks.
    await page.addInitScript({ content: `
      window.__fired = [];
      window.__xssCanary = (id) => { window.__fired.push(String(id)); };
      const api = { postMessage: (m) => window.__toHost(m), getState: () => undefined, setState: () => undefined };
      window.acquireVsCodeApi = () => api;
    ` });
    host.current = new Host(page, service, new ConversationStore(path.join(storeRoot, `page-${++pages}`)));
    await page.goto(`${ORIGIN}/index.html`);
    await page.locator(`#model-select option[value="${HAIKU}"]`).waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('#model-select').selectOption(HAIKU);
    return { page, host: host.current };
  }

  async function streamCorpus(page: Page, host: Host): Promise<void> {
    for (const p of XSS_PAYLOADS) {
      await control.setReply(p.text);
      const input = page.locator('#composer-input');
      await input.fill(`payload ${p.id}`);
      await input.press('Enter');
      // The answer has landed when this many answers show their metrics (or an error).
      const n = XSS_PAYLOADS.indexOf(p) + 1;
      await page.locator('.turn-assistant .turn-footer .metrics, .turn-assistant .error-box').nth(n - 1).waitFor({ state: 'attached', timeout: 20_000 });
      await page.locator('vscode-button.send:not(.stop)').waitFor({ state: 'visible', timeout: 20_000 });
    }
    await host.settled();
    // Let any deferred payload (load/error events, animations, hover) have its chance: every
    // resource the page asked for has loaded or failed, then a frame and a task have run after that.
    await page.mouse.move(200, 300);
    await page.mouse.move(400, 500);
    await network.get(page)!.idle();
    await settled(page);
  }

  it('refuses a 20 MB image attachment in plain words, before anything is sent', async () => {
    const { page } = await openPage(true);
    try {
      await control.clearRequests();
      const huge = Buffer.alloc(20_000_000, 1);
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(huge);
      // 20 MB through the DevTools protocol, read by the page: slow on a busy machine.
      await page.locator('input[type=file]').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: huge }, { timeout: 120_000 });
      await page.getByText(/huge\.png is [\d.]+ MB; Bedrock takes images up to [\d.]+ MB/).waitFor({ timeout: 60_000 });
      await shots.take(page, 'attachment-too-large');
      assert.equal(await page.locator('.attachment').count(), 0, 'not attached');
      const input = page.locator('#composer-input');
      await input.fill('and without the image?');
      await input.press('Enter');
      await page.locator('.turn-assistant .turn-footer .metrics').first().waitFor({ state: 'attached', timeout: 20_000 });
      const calls = (await control.requestsFor('ConverseStream')).map((r) => JSON.stringify(r.body));
      assert.equal(calls.length, 1);
      assert.ok(!calls[0]!.includes('"image"'), 'the refused image never went out');
    } finally {
      await page.close();
    }
  });

  for (const withCsp of [true, false]) {
    it(`streams all ${XSS_PAYLOADS.length} payloads and none runs ${withCsp ? '(page as shipped, with its CSP)' : '(CSP removed: the sanitizer alone)'}`, async () => {
      const { page, host } = await openPage(withCsp);
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      try {
        // The canary works: a script that really runs in this page is caught (so silence means something).
        if (!withCsp) {
          await page.evaluate(() => { const d = document.createElement('div'); d.innerHTML = '<img src=x onerror="__xssCanary(\'control\')">'; document.body.append(d); });
          await page.waitForFunction(() => window.__fired.includes('control'), undefined, { timeout: 5000 });
          await page.evaluate(() => { window.__fired.length = 0; });
        }
        await streamCorpus(page, host);
        summary.payloads += XSS_PAYLOADS.length;
        summary.runs++;
        const found = await inspect(page);
        await shots.take(page, withCsp ? 'hostile-with-csp' : 'hostile-sanitizer-only');
        assert.equal(found.answers, XSS_PAYLOADS.length, 'every payload was answered');
        assert.deepEqual(found.fired, [], `payloads ran: ${found.fired.join(', ')}`);
        assert.deepEqual(found.elements, [], 'no active or embedded elements in answers');
        assert.deepEqual(found.handlers, [], 'no event handler attributes');
        assert.deepEqual(found.badLinks, [], 'no link or source other than http(s)');
        assert.equal(found.styled, 0, 'no inline styles in answers');
        // The page itself is intact: still one app, the composer works, no payload restyled it away.
        assert.equal(await page.locator('#composer-input').isVisible(), true);
        assert.deepEqual(pageErrors, []);

        // The text of the payloads is shown (as text), not lost: e.g. the script payload reads as written.
        const first = page.locator('.turn-assistant .turn-body').first();
        await first.scrollIntoViewIfNeeded();
        const firstAnswer = (await first.textContent()) ?? '';
        assert.match(firstAnswer, /<script>__xssCanary\('p01'\)<\/script>/);

        // Every link: a click sends only http(s) targets to the host; nothing navigates, nothing runs.
        const before = host.openedLinks.length;
        const links = page.locator('.turn-assistant .turn-body a');
        const count = await links.count();
        const hrefs: string[] = [];
        for (let i = 0; i < count; i++) {
          const a = links.nth(i);
          hrefs.push((await a.getAttribute('href')) ?? '');
          await a.scrollIntoViewIfNeeded();
          await a.click({ timeout: 5000 });
        }
        // Each web link reaches the host; then whatever else the clicks set going in the page has run.
        const web = hrefs.filter((h) => /^https?:\/\//i.test(h)).length;
        await host.openedLinks.changes.until(() => host.openedLinks.length - before >= web, `${web} links at the opener`);
        await settled(page);
        await host.settled();
        summary.linksClicked += count;
        const opened = host.openedLinks.slice(before);
        summary.opened += opened.length;
        assert.ok(count >= 5, `the corpus makes links (${count})`);
        assert.deepEqual(opened, hrefs.filter((h) => /^https?:\/\//i.test(h)), 'exactly the web links went to the opener');
        assert.ok(opened.every((u) => /^https?:\/\//i.test(u)));
        assert.equal(new URL(page.url()).pathname, '/index.html', 'no click navigated the page');
        assert.deepEqual(await page.evaluate(() => window.__fired), [], 'no click ran anything');
      } finally {
        await page.close();
      }
    });
  }
});
