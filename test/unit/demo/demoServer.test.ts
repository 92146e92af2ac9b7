// The demo as the VSIX ships it: the local endpoint bundled on its own (the esbuild options of
// esbuild.mjs), required at run time by startDemoServer, answering the real SDK; its test-control
// routes are off.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { BedrockClient, ListFoundationModelsCommand } from '@aws-sdk/client-bedrock';
import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { startDemoServer, type DemoServer } from '../../../src/demo/demoServer';

const credentials = { accessKeyId: 'demo', secretAccessKey: 'demo' };

describe('demo server (the bundled local endpoint)', function () {
  this.timeout(60_000);
  let dir: string;
  const started: DemoServer[] = [];

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-demo-'));
    await esbuild.build({
      entryPoints: { demoEndpoint: path.join(__dirname, '../../localBedrock/server.ts') },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: dir, logLevel: 'silent',
    });
  });
  after(async () => {
    for (const s of started) await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function start(port = 0): Promise<DemoServer> {
    const s = await startDemoServer(dir, port);
    started.push(s);
    return s;
  }

  it('listens on loopback and answers the catalog and Converse through the real SDK', async () => {
    const s = await start();
    assert.match(s.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    const control = new BedrockClient({ region: 'us-east-1', endpoint: s.endpoint, credentials });
    const runtime = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: s.endpoint, credentials });
    try {
      const list = await control.send(new ListFoundationModelsCommand({}));
      assert.ok((list.modelSummaries ?? []).some((m) => m.modelId?.startsWith('anthropic.')), 'Claude models are listed');
      const answer = await runtime.send(new ConverseCommand({ modelId: 'amazon.nova-micro-v1:0', messages: [{ role: 'user', content: [{ text: 'hi' }] }] }));
      assert.ok(answer.output?.message?.content?.[0]?.text, 'the demo answers');
    } finally {
      control.destroy();
      runtime.destroy();
    }
  });

  it('serves none of the test-control routes: nothing can arm faults or read the prompts it logged', async () => {
    const s = await start();
    for (const [method, route] of [['GET', 'requests'], ['POST', 'faults'], ['GET', 'config']] as const) {
      const res = await fetch(`${s.endpoint}/_local/${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      const body = await res.text();
      assert.ok(res.status >= 400, `${method} /_local/${route} answered ${res.status}`);
      assert.match(body, /UnknownOperation|no operation/, body);
    }
  });

  it('comes back on the port of the last start when it is free, and on another when it is not', async () => {
    const first = await start();
    const port = Number(new URL(first.endpoint).port);
    const taken = await start(port);
    assert.notEqual(Number(new URL(taken.endpoint).port), port, 'a taken port falls back to a free one');
    await first.close();
    const again = await start(port);
    assert.equal(Number(new URL(again.endpoint).port), port);
  });

  it('says what is wrong when the bundle is not the demo', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'bedrock-demo-bad-'));
    fs.writeFileSync(path.join(other, 'demoEndpoint.js'), 'module.exports = { something: 1 };');
    await assert.rejects(startDemoServer(other), /not the demo endpoint bundle; reinstall the extension/);
    fs.rmSync(other, { recursive: true, force: true });
  });
});
