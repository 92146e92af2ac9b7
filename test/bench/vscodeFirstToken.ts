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
/** Markers of the baseline's answers are numbered this far above ours. */
const BASELINE_MARKERS = 1000;

/**
 * How the endpoint answers: at once, or paced as a model is (a pause before the first event, then
 * so many tokens a second). Answered at once, a short reply has ended before its first token is
 * on screen, so the work each side does when it sends and when the answer ends (ours: the turns
 * shown, the conversation saved; the bare webview's: none) competes with the first token's trip.
 */
export interface Pacing { firstEventDelayMs: number; tokensPerSecond: number }
const REPLY_TAIL = 'is the first word; the rest of this short answer follows it.';

export interface FirstTokenResult {
  ours: number[];
  baseline: number[];
  /** Of each sample, the part until the delta's message reached the webview (endpoint, SDK, extension host, VS Code). */
  oursArrival: number[];
  baselineArrival: number[];
  warmup: number;
}

async function endpointSent(session: Session): Promise<number> {
  const req = await poll('the endpoint log', async () => (await session.bedrock.requestsFor('ConverseStream')).find((r) => r.firstTokenSentAt !== undefined));
  return req.firstTokenSentAt!;
}

/** Our panel must be open on the Chat tab with the model list loaded. */
export async function firstTokens(page: Page, session: Session, log: (m: string) => void, markers = 0, pacing?: Pacing): Promise<FirstTokenResult> {
  const ours = () => webviewOf(page, OUR_EXTENSION_ID);
  const baseline = () => webviewOf(page, BASELINE_EXTENSION_ID);
  await runCommand(page, 'Bench Baseline: Open');
  await baseline().locator('#bench-baseline-out').waitFor({ state: 'attached', timeout: 60_000 });
  const input = ours().locator('#composer-input');
  await input.waitFor({ state: 'visible', timeout: 60_000 });
  const idle = async () => poll('the answer to finish', async () => ((await ours().locator('.send[title="Send (Enter)"]').count()) ? true : undefined));

  const result: FirstTokenResult = { ours: [], baseline: [], oursArrival: [], baselineArrival: [], warmup: WARMUP };
  const pace = async () => {
    if (!pacing) return;
    await session.bedrock.injectFault({ operation: 'ConverseStream', fault: 'delayFirstEvent', delayMs: pacing.firstEventDelayMs });
  };
  await session.bedrock.setTokensPerSecond(pacing?.tokensPerSecond ?? 0);
  for (let n = 0; n < SAMPLES; n++) {
    const i = markers + n;
    // Ours.
    await session.bedrock.clearRequests();
    await session.bedrock.setReply(`FTOK${i} ${REPLY_TAIL}`);
    await pace();
    await idle();
    let seen: number | undefined;
    let arrived: number | undefined;
    for (let attempt = 0; seen === undefined; attempt++) {
      await input.fill(`Sample ${i}: say something short.`);
      await input.press('Enter');
      // Nothing is asked of the browser while the token travels: polling the page would compete with it.
      await sleep(400);
      const probe = await poll(`marker ${i} in our webview`, async () => { const p = await readProbe(ours(), '#app'); return p?.tokens[String(i)] ? p : undefined; }, n < WARMUP ? 10_000 : 30_000)
        .catch((err: unknown) => { if (n >= WARMUP || attempt >= 3) throw err; return undefined; });
      seen = probe?.tokens[String(i)];
      arrived = probe?.arrivals[String(i)];
    }
    const sent = await endpointSent(session);
    const oursMs = seen - sent;
    const oursArrival = (arrived ?? seen) - sent;
    await idle();

    // The baseline, same reply.
    const b = BASELINE_MARKERS + i;
    await session.bedrock.clearRequests();
    await session.bedrock.setReply(`FTOK${b} ${REPLY_TAIL}`);
    await pace();
    await runCommand(page, 'Bench Baseline: Send');
    await sleep(400);
    const baselineProbe = await poll(`marker ${b} in the baseline webview`, async () => { const p = await readProbe(baseline(), '#bench-baseline-out'); return p?.tokens[String(b)] ? p : undefined; });
    const sentBaseline = await endpointSent(session);
    const baselineMs = baselineProbe.tokens[String(b)]! - sentBaseline;
    const baselineArrival = (baselineProbe.arrivals[String(b)] ?? baselineProbe.tokens[String(b)]!) - sentBaseline;
    await poll('the baseline answer to finish', async () => ((await baseline().locator('#bench-baseline-out').textContent())?.endsWith('follows it.') ? true : undefined));
    if (n >= WARMUP) {
      result.ours.push(oursMs);
      result.baseline.push(baselineMs);
      result.oursArrival.push(oursArrival);
      result.baselineArrival.push(baselineArrival);
    }
  }
  const list = (v: number[]) => v.map((l) => l.toFixed(1)).join(', ');
  await session.bedrock.setTokensPerSecond(0);
  log(`vscode: first token${pacing ? `, paced (${pacing.firstEventDelayMs} ms, ${pacing.tokensPerSecond} tokens/s)` : ''}, ours ${list(result.ours)} ms (message in the webview: ${list(result.oursArrival)}); baseline ${list(result.baseline)} ms (${list(result.baselineArrival)})`);
  return result;
}
