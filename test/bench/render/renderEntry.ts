// Runs in Chromium, bundled by esbuild from the webview's own renderer module (the code the
// playground ships), into an ignored folder. Each animation frame's work runs in a task of its
// own, and the time each task spends rendering (script + style + layout, forced at the end of the
// task so the figures include it) is added up.
import { createHighlighter } from '../../../webview/markdown/highlighter';
import { useHighlighter } from '../../../webview/markdown/render';
import { StreamingMarkdown, renderFull } from '../../../webview/markdown/streamRenderer';

// The playground loads highlight.js on the first code block; here it is there from the start,
// so every run highlights alike.
useHighlighter(createHighlighter());

export interface RenderRun {
  /** Main-thread milliseconds spent rendering the whole stream. */
  busyMs: number;
  /** Longest task seen by a PerformanceObserver for 'longtask' during the run (0 when none ≥ 50 ms). */
  longestTaskMs: number;
  /** Longest single task measured in the page (also when it is under 50 ms). */
  longestMeasuredMs: number;
  tasks: number;
  /** Characters rendered into the DOM at the end (a check that the run did the work). */
  textLength: number;
}

function freshContainer(): HTMLElement {
  document.getElementById('log')?.remove();
  const log = document.createElement('div');
  log.id = 'log';
  log.className = 'conversation';
  const turn = document.createElement('article');
  turn.className = 'turn turn-assistant';
  const body = document.createElement('div');
  body.className = 'turn-body';
  turn.appendChild(body);
  log.appendChild(turn);
  document.body.appendChild(log);
  return body;
}

/** Runs `step(i)` for i = 0..count-1, each in a task of its own (MessageChannel, like postMessage), timing each. */
function inTasks(count: number, step: (i: number) => number): Promise<RenderRun> {
  let longestTaskMs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longestTaskMs = Math.max(longestTaskMs, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const channel = new MessageChannel();
  let busyMs = 0;
  let longestMeasuredMs = 0;
  let i = 0;
  return new Promise((resolve) => {
    channel.port1.onmessage = () => {
      if (i < count) {
        const t0 = performance.now();
        const weight = step(i++);
        const ms = performance.now() - t0;
        busyMs += ms * weight;
        longestMeasuredMs = Math.max(longestMeasuredMs, ms);
        channel.port2.postMessage(0);
        return;
      }
      // Long-task entries are delivered after the task: give them a moment.
      setTimeout(() => {
        for (const e of observer.takeRecords()) longestTaskMs = Math.max(longestTaskMs, e.duration);
        observer.disconnect();
        channel.port1.close();
        resolve({ busyMs, longestTaskMs, longestMeasuredMs, tasks: count, textLength: document.getElementById('log')!.textContent!.length });
      }, 200);
    };
    channel.port2.postMessage(0);
  });
}

/** Splits the deltas into frames of `perFrame` deltas: what arrives between two animation frames. */
function frames(deltas: string[], perFrame: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < deltas.length; i += perFrame) out.push(deltas.slice(i, i + perFrame));
  return out;
}

/**
 * The shipped renderer as the chat webview drives it: every delta appended as it arrives, one
 * flush per animation frame (turnView.ts), then the browser's style and layout (forced here so
 * they are timed inside the frame's task). The last task is the end of the stream (finish()).
 */
export function runIncremental(deltas: string[], perFrame: number): Promise<RenderRun> {
  const body = freshContainer();
  const renderer = new StreamingMarkdown(body);
  const list = frames(deltas, perFrame);
  return inTasks(list.length + 1, (i) => {
    if (i < list.length) {
      for (const d of list[i]!) renderer.append(d);
      renderer.flush();
    } else {
      renderer.finish();
    }
    void body.offsetHeight;
    return 1;
  });
}

/**
 * The naive way, given the same frames: the whole answer so far rendered again (markdown-it +
 * DOMPurify + highlight.js) once per frame. Its cost depends only on the length so far, so with
 * `stride` k only every k-th frame is rendered and its time counted k times (a Riemann sum of
 * the same stream; `--full-baseline` renders every frame).
 */
export function runNaive(deltas: string[], perFrame: number, stride: number): Promise<RenderRun> {
  const body = freshContainer();
  const list = frames(deltas, perFrame);
  const ends: number[] = [];
  let n = 0;
  for (const f of list) ends.push((n += f.join('').length));
  const text = deltas.join('');
  const picks: number[] = [];
  for (let i = list.length - 1; i >= 0; i -= stride) picks.unshift(i);
  return inTasks(picks.length, (k) => {
    renderFull(body, text.slice(0, ends[picks[k]!]));
    void body.offsetHeight;
    return k === 0 ? picks[0]! + 1 : picks[k]! - picks[k - 1]!;
  });
}

declare global {
  interface Window { renderBench: { runIncremental: typeof runIncremental; runNaive: typeof runNaive } }
}
window.renderBench = { runIncremental, runNaive };
