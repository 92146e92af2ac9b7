// "Copy as code" must give a program that really runs: it is run here against the local endpoint.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { ApiRequestRecord, ChatEvent } from '../../../src/bedrock/types';
import { apiSnippet } from '../../../src/playground/chat/apiSnippet';
import { localService, model, useLocalBedrock } from '../bedrock/localEndpoint';

const run = promisify(execFile);
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('Copy as code', function () {
  this.timeout(60_000);
  const local = useLocalBedrock();
  // Inside the repository so the program resolves the installed SDK.
  const cache = path.resolve(__dirname, '../../../.cache');
  let dir: string;
  before(() => { mkdirSync(cache, { recursive: true }); dir = mkdtempSync(path.join(cache, 'snippet-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function recorded(stream: boolean): Promise<{ request: ApiRequestRecord; text: string }> {
    const service = localService(local.lb);
    try {
      let request: ApiRequestRecord | undefined;
      let text = '';
      const events: AsyncIterable<ChatEvent> = service.chat({ model: await model(service, HAIKU), system: 'Be brief.', messages: [{ role: 'user', text: 'Snippet check' }], settings: { temperature: 0.4, topK: 7 }, stream });
      for await (const e of events) {
        if (e.type === 'request') request = e.request;
        if (e.type === 'text') text += e.text;
      }
      return { request: request!, text };
    } finally {
      service.dispose();
    }
  }

  for (const stream of [true, false]) {
    it(`gives a runnable TypeScript program for ${stream ? 'ConverseStream' : 'Converse'} that gets the same answer`, async () => {
      const { request, text } = await recorded(stream);
      const code = apiSnippet(request, { region: 'us-east-1', endpoint: local.lb.endpoint, local: true });
      assert.match(code, new RegExp(`import \\{ BedrockRuntimeClient, ${request.operation}Command \\} from '@aws-sdk/client-bedrock-runtime'`));
      const file = path.join(dir, `request-${stream}.mts`);
      writeFileSync(file, code);
      await local.control.reset();
      const { stdout } = await run(process.execPath, ['--import', 'tsx', file], { cwd: dir, env: { ...process.env, AWS_PROFILE: '' } });
      assert.ok(stdout.includes(text.trim().split('\n')[0]!), stdout.slice(0, 300));
      const [again] = await local.control.runtimeRequests();
      assert.deepEqual(again!.body, request.body, 'the program sends the same body');
    });
  }

  it('names the profile, never credentials, and reads elided images from files', () => {
    const request: ApiRequestRecord = {
      operation: 'Converse', modelId: HAIKU,
      body: { messages: [{ role: 'user', content: [{ image: { format: 'png', source: { bytes: '<68 bytes elided>' } } }, { text: 'What is this?' }] }] },
    };
    const code = apiSnippet(request, { region: 'eu-west-1', profile: 'team-dev' });
    assert.match(code, /fromIni\(\{ profile: "team-dev" \}\)/);
    assert.match(code, /readFileSync\("image-1\.png"\)/);
    assert.doesNotMatch(code, /accessKeyId|secretAccessKey|sessionToken|Authorization/i);
  });
});
