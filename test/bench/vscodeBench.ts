// In a real VS Code (code-server + Chromium, the e2e tier's session helpers) with the packaged
// extension: activation time as VS Code measures it, the first token from the local endpoint to
// the webview's DOM, a ~1,000-token answer beside the closest existing product and its strategy
// (vscodePeer.ts), and restoring a long conversation into the panel.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand as runNpm } from '../../scripts/lib/processes';
import { repoRoot, vsixPath } from '../../scripts/lib/paths';
import { startSession } from '../e2e/support/session';
import { runCommand, webview } from '../e2e/support/workbench';
import { buildBaselineVsix } from './baselineExtension';
import { type Figure, spread } from './figures';
import { median, round } from './stats';
import { STATE_FIRST_TURNS } from '../../src/protocol/chat';
import { firstTokens, type Pacing } from './vscodeFirstToken';
import { buildPeerVsix } from './peerExtension';
import { PEER_SETTINGS, peerServerEnv, sideBySide } from './vscodePeer';
import { probeSource } from './vscodeProbe';
import { LARGE_TURNS, restores, scrollToTop, SMALL_TURNS } from './vscodeRestore';
import { poll, sleep } from './vscodeSupport';

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
/**
 * Answers paced as a model's for the first-token figure: a pause before the first event (real
 * models take longer: each answer's "First token" metric shows it) and a model's streaming pace.
 */
const PACING: Pacing = { firstEventDelayMs: 300, tokensPerSecond: 50 };

/** VS Code's own measure: "Developer: Show Running Extensions" lists each extension's activation time. */
async function activationTime(page: Page): Promise<{ ms: number; text: string }> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ hasText: 'Bedrock Playground' }).first();
  await row.waitFor({ state: 'visible', timeout: 30_000 });
  const text = (await row.locator('.activation-time').first().textContent({ timeout: 10_000 }))?.trim() ?? '';
  await page.keyboard.press('Control+W').catch(() => undefined);
  const m = /([\d.]+)\s*ms/.exec(text);
  if (!m) throw new Error(`No activation time in "${text}"`);
  return { ms: Number(m[1]), text };
}

/** The extension logs "Activated in X ms (slowest: ...)" when activate() returns; its log file is in the run's folder. */
async function activationLog(root: string): Promise<{ ms: number; line: string }> {
  return poll('the "Activated in" log line', async () => {
    for (const f of fs.readdirSync(root, { recursive: true }) as string[]) {
      if (!f.endsWith('.log')) continue;
      const m = /Activated in ([\d.]+) ms.*$/m.exec(fs.readFileSync(path.join(root, f), 'utf8'));
      if (m) return { ms: Number(m[1]), line: m[0] };
    }
    return undefined;
  }, 20_000);
}

export async function vscodeBench(log: (m: string) => void): Promise<Figure[]> {
  log('vscode: packaging the extension and starting code-server + Chromium');
  await runNpm('npm', ['run', '--silent', 'build:prod'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  await runNpm('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  process.env.E2E_VSIX = vsixPath; // the session installs this package instead of building its own
  const baselineVsix = await buildBaselineVsix();
  const peer = await buildPeerVsix(log).catch((err: unknown): { missing: string } => ({ missing: `its build failed: ${err instanceof Error ? err.message : String(err)}` }));
  if ('missing' in peer) log(`vscode: peer not available: ${peer.missing}`);
  const session = await startSession({
    name: 'bench', settings: { 'bedrock.defaultChatModel': MODEL, ...PEER_SETTINGS },
    extraVsix: [baselineVsix, ...('vsix' in peer ? [peer.vsix] : [])], serverEnv: peerServerEnv,
  });
  try {
    const { page } = session;
    await page.context().addInitScript({ content: probeSource(50) });

    const activation = await activationTime(page);
    const activated = await activationLog(path.dirname(session.workspace));
    log(`vscode: ${activated.line}; VS Code: ${activation.text}`);

    // The first "Bedrock: Chat" of the window (the SDK not loaded yet) against the second, each
    // from the palette's Enter until the model list is in the picker.
    const view = () => webview(page);
    const openChat = async (): Promise<number> => {
      const started = Date.now();
      await runCommand(page, 'Bedrock: Chat');
      await view().locator(`#model-select option[value="${MODEL}"]`).waitFor({ state: 'attached', timeout: 60_000 });
      return Date.now() - started;
    };
    const firstOpen = await openChat();
    await runCommand(page, 'View: Close All Editors');
    const secondOpen = await openChat();
    log(`vscode: Bedrock: Chat to the model list: first ${firstOpen} ms, second ${secondOpen} ms`);

    const first = await firstTokens(page, session, log, 0, PACING);
    const instant = await firstTokens(page, session, log, 100);
    const peerFigures = await sideBySide(page, session, MODEL, peer, log);

    // Long chats: the panel is closed, its saved conversation replaced, and the panel opened again
    // ("Bedrock: Chat" reopens the last conversation).
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close All Editors');
    await sleep(1000); // the host's last save of the conversation
    const heapBefore = await usedHeap(page);
    const { small, large } = await restores(page, path.dirname(session.workspace), MODEL, log);
    const scroll = await scrollToTop(page);
    const heapAfter = await usedHeap(page);
    const heapMb = (heapAfter - heapBefore) / 1024 / 1024;
    const longestTask = scroll.longTasks.length ? Math.max(...scroll.longTasks) : Math.max(...scroll.frames);
    log(`vscode: scrolled to the first turn in ${scroll.ms.toFixed(0)} ms (${scroll.reachedFirst ? 'reached' : 'NOT reached'}); long tasks ${scroll.longTasks.map((v) => v.toFixed(0)).join(', ') || 'none'}; heap +${heapMb.toFixed(1)} MB`);

    const firstRatio = median(first.ours) / median(first.baseline);
    const instantRatio = median(instant.ours) / median(instant.baseline);
    const inWebview = (r: typeof first, side: 'ours' | 'baseline') => median(r[side].map((v, k) => v - r[`${side}Arrival`][k]!));
    const shown = (runs: typeof small) => runs.map((r) => r.shownMs);
    const restoreRatio = median(shown(large)) / median(shown(small));
    const kb = (runs: typeof small) => (runs[0]!.bytes / 1024).toFixed(0);
    return [
      {
        name: 'Extension activation (activate() until it returns), real extension host',
        value: round(activated.ms, 1), unit: 'ms', target: { op: '<=', value: 50 },
        detail: `${activated.line.replace(/^Activated in [\d.]+ ms /, '')}; VS Code's own figure (loading dist/extension.js + activate()): ${activation.ms} ms`,
      },
      {
        name: 'First "Bedrock: Chat" of a window vs the second (palette → model list shown)',
        value: round(firstOpen / secondOpen, 2), unit: '×', target: { op: '<=', value: 1.5 },
        detail: `${firstOpen} vs ${secondOpen} ms; the first also loads the AWS SDK (dist/awsSdk.js), made while the webview starts`,
      },
      {
        name: `First token visible in the webview DOM after the endpoint sent it (real VS Code, answers paced as a model's: ${PACING.firstEventDelayMs} ms to the first event, ${PACING.tokensPerSecond} tokens/s): ours vs a bare webview, medians`,
        value: round(firstRatio, 2), unit: '×', target: { op: '<=', value: 1.2 }, runs: first.ours,
        detail: `${median(first.ours).toFixed(1)} vs ${median(first.baseline).toFixed(1)} ms, of which in the webview after the message arrived ${inWebview(first, 'ours').toFixed(1)} vs ${inWebview(first, 'baseline').toFixed(1)} ms; bare webview (same SDK call, endpoint and reply; each delta appended as a text node): ${spread(first.baseline)}; ${first.ours.length} alternating answers of each after ${first.warmup} warm-up`,
      },
      {
        name: 'First token, the same with answers sent at once (the whole short reply before its first token is on screen): ours vs a bare webview',
        value: round(instantRatio, 2), unit: '×', runs: instant.ours,
        detail: `${median(instant.ours).toFixed(1)} vs ${median(instant.baseline).toFixed(1)} ms, in the webview ${inWebview(instant, 'ours').toFixed(1)} vs ${inWebview(instant, 'baseline').toFixed(1)} ms; here the work each side does on sending and at the answer's end (ours: turns shown, the conversation saved) runs while the first token travels: no model answers this fast`,
      },
      {
        name: 'First token visible in the webview DOM after the endpoint sent it (real VS Code, paced), p50',
        value: round(median(first.ours), 1), unit: 'ms', runs: first.ours,
        detail: 'endpoint → SDK in the extension host → webview; on a busy machine every hop waits for a core (the ratio above is the figure with a target)',
      },
      ...peerFigures,
      {
        name: `Restore a ${LARGE_TURNS.toLocaleString('en-US')}-turn conversation vs a ${SMALL_TURNS}-turn one (webview ready → its last turn in the DOM), medians`,
        value: round(restoreRatio, 2), unit: '×', target: { op: '<=', value: 1.2 }, runs: shown(large),
        detail: `${median(shown(large)).toFixed(0)} vs ${median(shown(small)).toFixed(0)} ms (${kb(large)} vs ${kb(small)} KB saved); ${SMALL_TURNS} turns: ${spread(shown(small))}; the state message (its last ${STATE_FIRST_TURNS} turns) ${median(large.map((r) => r.stateMs)).toFixed(0)} vs ${median(small.map((r) => r.stateMs)).toFixed(0)} ms after ready, the older turns' message ${median(large.map((r) => r.earlierMs ?? Number.NaN)).toFixed(0)} vs ${median(small.map((r) => r.earlierMs ?? Number.NaN)).toFixed(0)} ms; all ${LARGE_TURNS} turns in the DOM (older ones in idle time) ${median(large.map((r) => r.allMs)).toFixed(0)} ms after ready`,
      },
      {
        name: `Restore a ${LARGE_TURNS.toLocaleString('en-US')}-turn conversation into the panel (webview ready → its last turn in the DOM)`,
        value: round(median(shown(large)), 0), unit: 'ms', target: { op: '<=', value: 300 }, runs: shown(large),
        detail: `before ready, the webview's own start (the same for an empty panel): ${median(large.map((r) => r.readyAt)).toFixed(0)} ms`,
      },
      {
        name: `Longest task while scrolling the ${LARGE_TURNS.toLocaleString('en-US')}-turn chat to its first turn`,
        value: round(longestTask, 1), unit: 'ms', target: { op: '<=', value: 50 },
        runs: scroll.frames,
        detail: `${scroll.longTasks.length ? `longtask observer: ${scroll.longTasks.length} tasks ≥ 50 ms` : 'the longtask observer saw none ≥ 50 ms; the value is the longest frame interval'}; the runs are the frame intervals while scrolling ${(scroll.ms / 1000).toFixed(1)} s${scroll.reachedFirst ? '' : ' (the first turn was NOT reached)'}`,
      },
      {
        name: `Webview JS heap after the ${LARGE_TURNS.toLocaleString('en-US')}-turn restore and scroll`,
        value: round(heapMb, 1), unit: 'MB', target: { op: '<=', value: 100 },
        detail: `the webview runs in the workbench's renderer process: used JS heap after a full GC with the restored panel open minus with no panel (${(heapBefore / 1048576).toFixed(0)} → ${(heapAfter / 1048576).toFixed(0)} MB)`,
      },
    ];
  } finally {
    await session.stop();
  }
}

/** Used JS heap of the window's renderer process (workbench and webviews share it) after a full GC. */
async function usedHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize;
  } finally {
    await cdp.detach();
  }
}
