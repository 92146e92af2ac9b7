// Bundled for the Usage benchmark (usageBench.ts): the Usage tab's own drawing (webview/usage/
// usageView.ts), timed from the report arriving as the text of a message to the charts and table
// laid out.
import type { UsageReport } from '../../../src/protocol/usage';
import { renderReport } from '../../../webview/usage/usageView';

export interface DrawRun { drawMs: number; buildMs: number; elements: number }

function draw(message: string): DrawRun {
  const host = document.getElementById('out')!;
  host.replaceChildren();
  const t0 = performance.now();
  const report = (JSON.parse(message) as { params: UsageReport }).params;
  const built = renderReport(report);
  const buildMs = performance.now() - t0;
  host.append(built);
  host.getBoundingClientRect(); // layout, inside the timed span
  return { drawMs: performance.now() - t0, buildMs, elements: host.querySelectorAll('*').length };
}

declare global {
  interface Window { usageBench: { draw: typeof draw } }
}
window.usageBench = { draw };
