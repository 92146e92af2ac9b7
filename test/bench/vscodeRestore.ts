// Long chats in the real VS Code: a saved conversation of 100 and of 1,000 turns restored into the
// panel, alternately, from the webview saying `ready` to the conversation's last turn in its DOM
// (what the panel shows first), and to all of its turns; then the 1,000-turn chat scrolled to its
// first turn, a screen-sized step per frame, with the webview's longest tasks and frames recorded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { runCommand } from '../e2e/support/workbench';
import { splitTokens } from '../localBedrock/tokens';
import { markdownAnswer } from './corpus';
import { OUR_EXTENSION_ID, poll, readProbe, sleep, webviewOf } from './vscodeSupport';

export const SMALL_TURNS = 100;
export const LARGE_TURNS = 1000;
const RUNS = 5;

export function conversationTurns(n: number, model: string): unknown[] {
  const answer = splitTokens(markdownAnswer(2_000));
  const turns: unknown[] = [];
  const now = Date.now() - n * 60_000;
  for (let i = 0; i < n; i += 2) {
    turns.push({ id: `bench-u-${i}`, role: 'user', text: `Question ${i / 2 + 1}: how does the renderer keep long answers cheap?`, status: 'done', createdAt: now + i * 60_000 });
    const start = (i * 37) % (answer.length - 300);
    turns.push({
      id: `bench-a-${i}`, role: 'assistant', text: answer.slice(start, start + 250).join('').trim(), status: 'done', modelId: model, createdAt: now + i * 60_000 + 5_000,
      metrics: { inputTokens: 40 + i, outputTokens: 250, totalLatencyMs: 1800, timeToFirstTokenMs: 350, stopReason: 'end_turn' },
    });
  }
  return turns;
}

function findConversationFile(root: string): string {
  const hits = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => /[\\/]chat[\\/]conversations[\\/][\w-]+\.json$/.test(f));
  if (hits.length !== 1) throw new Error(`Expected one saved conversation under the run folder, found ${hits.length}`);
  return path.join(root, hits[0]!);
}

export interface RestoreRun {
  turns: number;
  bytes: number;
  /** ready → the last turn in the DOM; ready → the state message; ready → the older turns' message (long chats); ready → all turns in the DOM. */
  shownMs: number;
  stateMs: number;
  earlierMs?: number;
  allMs: number;
  /** The webview's own start before ready (the same for an empty panel). */
  readyAt: number;
}

/** Closes every editor and opens the last conversation again, replaced by one of `turns` turns. */
async function restore(page: Page, runRoot: string, turns: number, model: string): Promise<RestoreRun> {
  await page.keyboard.press('Escape');
  await runCommand(page, 'View: Close All Editors');
  await sleep(1000); // the host's last save of the conversation
  const file = findConversationFile(runRoot);
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { turns: unknown[] };
  stored.turns = conversationTurns(turns, model);
  fs.writeFileSync(file, JSON.stringify(stored));
  const bytes = fs.statSync(file).size;
  await runCommand(page, 'Bedrock: Chat');
  const view = webviewOf(page, OUR_EXTENSION_ID);
  const p = await poll(`the ${turns} restored turns`, async () => {
    const r = await readProbe(view, '#app');
    return r?.turnsAt !== undefined && r.lastTurnAt !== undefined && r.stateAt !== undefined && r.stateTurns === turns ? r : undefined;
  }, 120_000);
  const readyAt = p.readyAt ?? 0;
  return { turns, bytes, shownMs: p.lastTurnAt! - readyAt, stateMs: p.stateAt! - readyAt, ...(p.earlierAt !== undefined ? { earlierMs: p.earlierAt - readyAt } : {}), allMs: p.turnsAt! - readyAt, readyAt };
}

/** Alternating restores of SMALL_TURNS and LARGE_TURNS; the panel is left on a LARGE_TURNS one. */
export async function restores(page: Page, runRoot: string, model: string, log: (m: string) => void): Promise<{ small: RestoreRun[]; large: RestoreRun[] }> {
  const small: RestoreRun[] = [];
  const large: RestoreRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    small.push(await restore(page, runRoot, SMALL_TURNS, model));
    large.push(await restore(page, runRoot, LARGE_TURNS, model));
  }
  const show = (runs: RestoreRun[]) => runs.map((r) => `${r.shownMs.toFixed(0)} (state ${r.stateMs.toFixed(0)}${r.earlierMs !== undefined ? `, older turns ${r.earlierMs.toFixed(0)}` : ''}, all ${r.allMs.toFixed(0)})`).join(', ');
  log(`vscode: restore ${SMALL_TURNS} turns ${show(small)} ms; ${LARGE_TURNS} turns ${show(large)} ms`);
  return { small, large };
}

export interface ScrollRun {
  /** Long tasks (≥ 50 ms) the webview's PerformanceObserver saw while scrolling. */
  longTasks: number[];
  /** Each frame's interval (ms) while scrolling: an upper bound of any task in it. */
  frames: number[];
  ms: number;
  reachedFirst: boolean;
}

/** Scrolls the restored conversation to its first turn, STEP px a frame, as a fast wheel does. */
export async function scrollToTop(page: Page): Promise<ScrollRun> {
  const view = webviewOf(page, OUR_EXTENSION_ID);
  await sleep(1500); // the answers on screen render once laid out; the scroll starts after that settles
  // A string, not a function: the bundler's helpers (e.g. __name) do not exist in the page.
  return view.locator('#app').evaluate(`(async () => {
    const STEP = 800;
    const log = document.querySelector('.conversation');
    const longTasks = [];
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); });
    observer.observe({ type: 'longtask', buffered: false });
    const frames = [];
    const started = performance.now();
    let reachedFirst = false;
    await new Promise((resolve) => {
      let last = started;
      const step = (t) => {
        frames.push(t - last);
        last = t;
        reachedFirst = log.scrollTop === 0 && document.querySelector('.turn[data-turn-id="bench-u-0"]') !== null;
        if (reachedFirst || t - started > 120000) return resolve();
        log.scrollTop = Math.max(0, log.scrollTop - STEP);
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    for (const e of observer.takeRecords()) longTasks.push(e.duration);
    observer.disconnect();
    return { longTasks, frames: frames.slice(1), ms: performance.now() - started, reachedFirst };
  })()`) as Promise<ScrollRun>;
}
