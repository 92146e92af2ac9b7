// Side by side in the same code-server: ours, the closest existing product
// (awslabs/bedrock-vscode-playground, built from its source by peerExtension.ts, its SDK pointed at
// the local endpoint through AWS_ENDPOINT_URL_BEDROCK_RUNTIME) and its strategy in our harness (the
// baseline extension's "Send Whole": one InvokeModel, one postMessage of the whole answer). The same
// model and the same ~1,000-token answer, generated at the same rate; each run is timed from the
// request's arrival at the endpoint (its log) until the answer's first word (FTOK<n>) and its last
// word (FEND<n>) are in the webview's DOM (the probe, vscodeProbe.ts; both clocks are this machine's).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { Session } from '../e2e/support/session';
import { runCommand } from '../e2e/support/workbench';
import { countTokens } from '../localBedrock/tokens';
import { BASELINE_EXTENSION_ID } from './baselineExtension';
import { type Figure, spread } from './figures';
import { PEER_EXTENSION_ID, PEER_REPOSITORY, type PeerBuild } from './peerExtension';
import { median, round } from './stats';
import { OUR_EXTENSION_ID, poll, readProbe, webviewOf } from './vscodeSupport';

/** Tokens per second: about what Claude 3 Haiku streams on Bedrock. */
const RATE = 150;
const ANSWER_TOKENS = 1000;
const ROUNDS = 5;
const WARMUP = 1; // the peer's first answer loads its SDK and reads its credentials
/** Markers of this benchmark are numbered from here (the first-token benchmark uses 0–1999). */
const FIRST_MARKER = 5000;

/** The peer's model list has Claude 3 Haiku (its package.json enum and its webview's dropdown). */
export const PEER_MODEL_LABEL = 'Anthropic Claude v3 Haiku';

const SENTENCES = [
  'Streaming shows the first words while the rest of the answer is still being generated.',
  'A panel that waits for the whole answer shows nothing until the model has finished.',
  'Each paragraph of this answer has the same length, so every run renders the same text.',
  'The model writes at a steady rate, whichever way the client asks for the answer.',
];

/** A ~1,000-token markdown answer that starts with FTOK<n> and ends with FEND<n>. */
export function longAnswer(n: number): string {
  const paragraphs: string[] = [];
  let text = `FTOK${n} is the first word of this answer.`;
  for (let i = 0; countTokens(text) < ANSWER_TOKENS - 10; i++) {
    paragraphs.push(`${SENTENCES[i % 4]} ${SENTENCES[(i + 1) % 4]} ${SENTENCES[(i + 2) % 4]}`);
    text = [`FTOK${n} is the first word of this answer.`, ...paragraphs].join('\n\n');
  }
  return `${text}\n\nThe last word is FEND${n}`;
}

/**
 * What code-server needs for the peer's SDK to reach the local endpoint: its client has no
 * endpoint setting, but its SDK (3.525; @smithy/middleware-endpoint 2.4 reads
 * AWS_ENDPOINT_URL_<SERVICE ID>, "Bedrock Runtime" → BEDROCK_RUNTIME) honours the service endpoint
 * variable; it asks fromNodeProviderChain for its profile setting ("default"), which skips the
 * environment's keys, so the keys are a shared credentials file of the run.
 */
export function peerServerEnv(endpoint: string, folder: string): NodeJS.ProcessEnv {
  const credentials = path.join(folder, 'peer-aws-credentials');
  fs.writeFileSync(credentials, '[default]\naws_access_key_id = local\naws_secret_access_key = local\n');
  return { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoint, AWS_SHARED_CREDENTIALS_FILE: credentials };
}

/** User settings for the peer: its documented Claude parameters, with room for the whole answer. */
export const PEER_SETTINGS: Record<string, unknown> = {
  'bedrockPlayground.region': 'us-east-1',
  'bedrockPlayground.inferenceParameters.anthropicClaude': {
    max_tokens: 4096, anthropic_version: 'bedrock-2023-05-31', system: '', temperature: 0.5, top_k: 250, top_p: 1, stop_sequences: [],
  },
};

interface Timing { first: number; whole: number }
interface Contender {
  name: string;
  operation: string;
  view: () => FrameLocator;
  root: string;
  send: (n: number) => Promise<void>;
  idle: () => Promise<unknown>;
  runs: Timing[];
}

/**
 * The palette can close under a command on a busy machine (a webview taking focus as it loads):
 * the input goes inert and the fill times out. Such a failure is retried; a missing command is not.
 */
async function command(page: Page, title: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runCommand(page, title);
      return;
    } catch (err) {
      if (attempt >= 3 || /has no "/.test(String(err))) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

export async function openPeer(page: Page, baseline: () => FrameLocator): Promise<FrameLocator> {
  const view = () => webviewOf(page, PEER_EXTENSION_ID);
  await command(page, 'Bedrock Playground: Open Playground');
  await view().locator('#promptInput').waitFor({ state: 'attached', timeout: 60_000 });
  // It opens beside the active editor group; when that hid the baseline (its group was the one
  // beside), it moves to a group of its own on the right, so all three panels stay visible.
  if (!(await baseline().locator('#bench-baseline-out').count())) {
    await command(page, 'View: Move Editor into Right Group');
    await baseline().locator('#bench-baseline-out').waitFor({ state: 'attached', timeout: 30_000 });
    await view().locator('#promptInput').waitFor({ state: 'attached', timeout: 60_000 });
  }
  // Its model dropdown (a webview-ui-toolkit vscode-dropdown), picked as a person does.
  await view().locator('#llm').click();
  await view().locator('vscode-option', { hasText: PEER_MODEL_LABEL }).first().click();
  return view();
}

/** Our panel (Chat tab) and the baseline's are open; `peer` says whether the peer was installed. */
export async function sideBySide(page: Page, session: Session, model: string, peer: PeerBuild, log: (m: string) => void): Promise<Figure[]> {
  const ours = () => webviewOf(page, OUR_EXTENSION_ID);
  const baseline = () => webviewOf(page, BASELINE_EXTENSION_ID);
  const peerView = () => webviewOf(page, PEER_EXTENSION_ID);
  let peerNote = 'missing' in peer ? `not measured: ${peer.missing}` : undefined;
  if (!peerNote) {
    try {
      const view = await openPeer(page, baseline);
      const picked = await view.locator('#llm').getAttribute('current-value');
      if (picked !== model) peerNote = `not measured: its model dropdown shows ${picked ?? 'nothing'}, not ${model}`;
    } catch (err) {
      peerNote = `not measured: the peer's playground did not open (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`;
    }
  }
  await session.screenshot('side-by-side');
  const input = ours().locator('#composer-input');
  let contenders: Contender[] = [
    {
      name: 'ours', operation: 'ConverseStream', view: ours, root: '#app', runs: [],
      send: async (n) => { await input.fill(`Run ${n}: a long answer, please.`); await input.press('Enter'); },
      idle: () => poll('our answer to finish', async () => ((await ours().locator('.send[title="Send (Enter)"]').count()) ? true : undefined)),
    },
    ...(peerNote ? [] : [{
      name: 'peer', operation: 'InvokeModel', view: peerView, root: '#promptInput', runs: [],
      send: async (n: number) => {
        await peerView().locator('#promptInput textarea').fill(`Run ${n}: a long answer, please.`);
        // From the keyboard: its Run button is below the fold of a narrow group, where a click's
        // point would land on a neighbouring webview.
        await peerView().locator('#run').press('Enter');
      },
      idle: () => Promise.resolve(),
    } satisfies Contender]),
    {
      name: 'strategy', operation: 'InvokeModel', view: baseline, root: '#bench-baseline-out', runs: [],
      send: () => command(page, 'Bench Baseline: Send Whole'),
      idle: () => Promise.resolve(),
    },
  ];

  await session.bedrock.setTokensPerSecond(RATE);
  let outputTokens = 0;
  try {
    let n = FIRST_MARKER;
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      for (const c of contenders) {
        n++;
        try {
          await c.idle();
          await session.bedrock.clearRequests();
          await session.bedrock.setReply(longAnswer(n));
          await c.send(n);
          // The endpoint says when it has sent the whole answer; the browser is not asked meanwhile.
          const served = await session.bedrock.waitForLog((l) => l.find((r) => r.operation === c.operation && r.latencyMs !== undefined), `the ${c.name} request answered`, 120_000);
          const seen = await poll(`FEND${n} in the ${c.name} webview`, async () => {
            const p = await readProbe(c.view(), c.root);
            const first = p?.tokens[String(n)];
            const whole = p?.ends?.[String(n)];
            return first !== undefined && whole !== undefined ? { first, whole } : undefined;
          }, 60_000);
          outputTokens = served.usage?.outputTokens ?? outputTokens;
          if (round >= WARMUP) c.runs.push({ first: seen.first - served.receivedAt, whole: seen.whole - served.receivedAt });
        } catch (err) {
          // A peer that stops answering leaves its figures "not measured", not the others'.
          if (c.name !== 'peer') throw err;
          peerNote = `not measured: run ${round + 1} failed (${(err instanceof Error ? err.message : String(err)).split('\n')[0]})`;
          log(`vscode: side by side, peer ${peerNote}`);
          contenders = contenders.filter((x) => x !== c);
        }
      }
    }
  } finally {
    await session.bedrock.setTokensPerSecond(0);
  }
  await contenders[0]!.idle();
  for (const c of contenders) {
    log(`vscode: side by side, ${c.name}: first words ${c.runs.map((r) => r.first.toFixed(0)).join(', ')} ms; whole answer ${c.runs.map((r) => r.whole.toFixed(0)).join(', ')} ms`);
  }

  const us = contenders[0]!;
  const peerC = contenders.find((c) => c.name === 'peer');
  const strategy = contenders.find((c) => c.name === 'strategy')!;
  const first = (c: Contender) => c.runs.map((r) => r.first);
  const whole = (c: Contender) => c.runs.map((r) => r.whole);
  const answer = `${outputTokens || ANSWER_TOKENS} tokens at ${RATE} tokens/s, ${model}, ${ROUNDS} alternating runs after ${WARMUP} warm-up`;
  const built = 'notes' in peer && peer.notes.length ? `; the peer built with ${peer.notes.join('; ')}` : '';
  const pair = (name: string, other: Contender | undefined, vs: string, pick: (c: Contender) => number[]): Figure => {
    if (!other) return { name, value: NaN, unit: '×', note: peerNote };
    return {
      name, value: round(median(pick(us)) / median(pick(other)), 3), unit: '×', runs: pick(us),
      detail: `${median(pick(us)).toFixed(0)} vs ${median(pick(other)).toFixed(0)} ms from the request's arrival at the endpoint; ${vs}: ${spread(pick(other))}; ${answer}${other === peerC ? built : ''}`,
    };
  };
  const peerName = `${PEER_REPOSITORY}${'version' in peer ? ` ${peer.version}` : ''}`;
  return [
    pair(`Peer side by side: first words visible, ours / ${peerName} (real VS Code, ~1,000-token answer), medians`, peerC, 'the peer', first),
    pair(`Peer side by side: whole answer visible, ours / ${peerName}, medians`, peerC, 'the peer', whole),
    pair('Peer strategy in our harness (one InvokeModel, one postMessage): first words visible, ours / it, medians', strategy, 'the strategy', first),
    pair('Peer strategy in our harness: whole answer visible, ours / it, medians', strategy, 'the strategy', whole),
  ];
}
