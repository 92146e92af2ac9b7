// First token in the real VS Code, ours against the fastest possible webview: the same model, the
// same canned reply, the same endpoint and SDK call, sent alternately by the playground (typed and
// sent like a person does) and by the test-only baseline extension (test/bench/baseline/), whose
// webview appends each delta to its DOM as a text node. Each sample runs from the moment the
// endpoint wrote the first token (its request log) to the moment the marker is in the webview's
// DOM (the probe's MutationObserver; both clocks are this machine's).
import type { Page } from 'playwright-core';
import type { Session } from '../e2e/support/session';
import { runCommand } from '../e2e/support/workbench';
import { BASELINE_EXTENSION_ID } from './baselineExtension';
import { OUR_EXTENSION_ID, poll, readProbe, sleep, webviewOf } from './vscodeSupport';

const SAMPLES = 12;
const WARMUP = 2; // the first answers load the SDK and open the HTTP/2 connection
/** Markers of the baseline's answers are numbered from here (ours from 0). */
const BASELINE_MARKERS = 1000;
const REPLY_TAIL = 'is the first word; the rest of this short answer follows it.';

export interface FirstTokenResult {
  ours: number[];
  baseline: number[];
  warmup: number;
}

async function endpointSent(session: Session): Promise<number> {
  const req = await poll('the endpoint log', async () => (await session.bedrock.requestsFor('ConverseStream')).find((r) => r.firstTokenSentAt !== undefined));
  return req.firstTokenSentAt!;
}

/** Our panel must be open on the Chat tab with the model list loaded. */
export async function firstTokens(page: Page, session: Session, log: (m: string) => void): Promise<FirstTokenResult> {
  const ours = () => webviewOf(page, OUR_EXTENSION_ID);
  const baseline = () => webviewOf(page, BASELINE_EXTENSION_ID);
  await runCommand(page, 'Bench Baseline: Open');
  await baseline().locator('#bench-baseline-out').waitFor({ state: 'attached', timeout: 60_000 });
  const input = ours().locator('#composer-input');
  await input.waitFor({ state: 'visible', timeout: 60_000 });
  const idle = async () => poll('the answer to finish', async () => ((await ours().locator('.send[title="Send (Enter)"]').count()) ? true : undefined));

  const result: FirstTokenResult = { ours: [], baseline: [], warmup: WARMUP };
  for (let i = 0; i < SAMPLES; i++) {
    // Ours.
    await session.bedrock.clearRequests();
    await session.bedrock.setReply(`FTOK${i} ${REPLY_TAIL}`);
    await idle();
    let seen: number | undefined;
    for (let attempt = 0; seen === undefined; attempt++) {
      await input.fill(`Sample ${i}: say something short.`);
      await input.press('Enter');
      // Nothing is asked of the browser while the token travels: polling the page would compete with it.
      await sleep(400);
      seen = await poll(`marker ${i} in our webview`, async () => (await readProbe(ours(), '#app'))?.tokens[String(i)], i < WARMUP ? 10_000 : 30_000)
        .catch((err: unknown) => { if (i >= WARMUP || attempt >= 3) throw err; return undefined; });
    }
    const oursMs = seen - (await endpointSent(session));
    await idle();

    // The baseline, same reply.
    const b = BASELINE_MARKERS + i;
    await session.bedrock.clearRequests();
    await session.bedrock.setReply(`FTOK${b} ${REPLY_TAIL}`);
    await runCommand(page, 'Bench Baseline: Send');
    await sleep(400);
    const seenBaseline = await poll(`marker ${b} in the baseline webview`, async () => (await readProbe(baseline(), '#bench-baseline-out'))?.tokens[String(b)]);
    const baselineMs = seenBaseline - (await endpointSent(session));
    await poll('the baseline answer to finish', async () => ((await baseline().locator('#bench-baseline-out').textContent())?.endsWith('follows it.') ? true : undefined));
    if (i >= WARMUP) {
      result.ours.push(oursMs);
      result.baseline.push(baselineMs);
    }
  }
  log(`vscode: first token, ours ${result.ours.map((l) => l.toFixed(1)).join(', ')} ms; baseline ${result.baseline.map((l) => l.toFixed(1)).join(', ')} ms`);
  return result;
}
