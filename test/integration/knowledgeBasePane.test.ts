// The Knowledge base tab's host side inside a real VS Code: its router driven as the webview
// drives it, the real agent / agent-runtime SDK clients against the local endpoint.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { attachKnowledgeBasePane, sourceUrl } from '../../src/playground/knowledgeBase/knowledgeBasePane';
import { KnowledgeBaseEvents, KnowledgeBaseNotifications, KnowledgeBaseRequests } from '../../src/protocol/knowledgeBase';
import { activeExtension, localBedrock } from './support/extension';
import { WebviewSide } from './support/webviewSide';

const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';

describe('Knowledge base tab (host side, in VS Code)', function () {
  this.timeout(60_000);
  const bedrock = localBedrock();
  let side: WebviewSide;
  let pane: vscode.Disposable;

  before(async () => {
    await activeExtension();
  });
  beforeEach(async () => {
    await bedrock.reset();
    side = new WebviewSide();
    pane = attachKnowledgeBasePane({ router: side.router, notify: side.notify, isReady: true });
    side.router.handle({ type: 'ready' });
  });
  afterEach(() => {
    pane.dispose();
    side.router.dispose();
  });

  it('lists the knowledge bases of the account and the text models that can answer', async () => {
    const view = await side.until(() => side.notifications(KnowledgeBaseEvents.view).find((v) => !v.loading));
    assert.equal(view.error, undefined);
    assert.deepEqual(view.knowledgeBases.map((k) => `${k.id} ${k.name}`), ['PARKWEBSIT park-website', 'TRAILHNDBK trail-handbook', 'FAQNOTES01 visitor-faq']);
    assert.ok(view.models.some((m) => m.id === HAIKU));
    assert.ok(!view.models.some((m) => /embed|image|canvas|stable/.test(m.id)), 'only models that write text');
    assert.equal(view.local, true);
  });

  it('retrieves chunks with scores and sources', async () => {
    const r = await side.request(KnowledgeBaseRequests.retrieve, { knowledgeBaseId: 'PARKWEBSIT', question: 'When does the park open?', numberOfResults: 2 });
    assert.ok('chunks' in r, JSON.stringify(r));
    assert.equal(r.chunks.length, 2);
    assert.equal(r.chunks[0]!.uri, 'https://parks.example.com/northwind/hours');
    assert.equal(r.chunks[0]!.sourceType, 'WEB');
    assert.ok(r.chunks[0]!.score! >= r.chunks[1]!.score!);
    const [call] = await bedrock.requestsFor('Retrieve');
    assert.deepEqual((call!.body as { retrievalConfiguration: unknown }).retrievalConfiguration, { vectorSearchConfiguration: { numberOfResults: 2 } });
  });

  it('streams the answer and its citations, then says it is done', async () => {
    const token = 'kb-test-1';
    const r = await side.request(KnowledgeBaseRequests.ask, { knowledgeBaseId: 'TRAILHNDBK', question: 'Do dogs need a permit for camping?', numberOfResults: 3, modelId: HAIKU, token });
    assert.ok('done' in r, JSON.stringify(r));
    assert.ok(r.sessionId);
    const events = side.notifications(KnowledgeBaseEvents.answer).filter((e) => e.token === token);
    const text = events.map((e) => (e.type === 'text' ? e.text : '')).join('');
    const citations = events.flatMap((e) => (e.type === 'citation' ? [e.citation] : []));
    assert.ok(events.filter((e) => e.type === 'text').length > 3, 'streamed in several pieces');
    assert.ok(citations.length >= 1);
    for (const c of citations) assert.ok(c.references[0]!.text.includes(text.slice(c.start, c.end + 1)));
    // The host keeps the finished answer for a page that reloads, and says so on ready.
    const kept = side.notifications(KnowledgeBaseEvents.output).at(-1);
    assert.ok(kept?.kind === 'answer' && !kept.running && kept.text === text && kept.citations.length === citations.length);
    assert.match(kept.status, /^Answered in \d+\.\d s with \d+ citations? from \d+ chunks?\.$/);
    const before = side.notifications(KnowledgeBaseEvents.output).length;
    side.router.handle({ type: 'ready' });
    await side.until(() => (side.notifications(KnowledgeBaseEvents.output).length > before ? true : undefined));
    const [call] = await bedrock.requestsFor('RetrieveAndGenerateStream');
    const config = (call!.body as { retrieveAndGenerateConfiguration: { knowledgeBaseConfiguration: { modelArn: string } } }).retrieveAndGenerateConfiguration.knowledgeBaseConfiguration;
    assert.equal(config.modelArn, `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`);
  });

  it('shows the service error for an unknown knowledge base and a non-text model, sending nothing for the latter', async () => {
    const missing = await side.request(KnowledgeBaseRequests.retrieve, { knowledgeBaseId: 'NOSUCHKB00', question: 'x', numberOfResults: 1 });
    assert.ok('error' in missing && missing.error.kind === 'notFound', JSON.stringify(missing));
    assert.match(missing.error.message, /^The knowledge base NOSUCHKB00 was not found in us-east-1 \(local endpoint\)/);
    assert.match(missing.error.detail, /does not exist/);
    const wrong = await side.request(KnowledgeBaseRequests.ask, { knowledgeBaseId: 'TRAILHNDBK', question: 'x', numberOfResults: 1, modelId: 'amazon.titan-embed-text-v2:0', token: 't2' });
    assert.ok('error' in wrong && /not a text model/.test(wrong.error.message));
    assert.deepEqual(await bedrock.requestsFor('RetrieveAndGenerateStream'), []);
  });

  it('stops a streaming answer when the webview cancels it, keeping what arrived', async () => {
    await bedrock.setTokensPerSecond(10);
    try {
      const token = 'kb-cancel';
      const pending = side.request(KnowledgeBaseRequests.ask, { knowledgeBaseId: 'TRAILHNDBK', question: 'bears and water on the ridge', numberOfResults: 3, modelId: HAIKU, token });
      await side.until(() => side.notifications(KnowledgeBaseEvents.answer).find((e) => e.token === token));
      side.router.handle({ type: 'notify', method: KnowledgeBaseNotifications.cancel.method, params: { token } });
      const r = await pending;
      assert.ok('error' in r && r.error.kind === 'cancelled', JSON.stringify(r));
      const texts = side.notifications(KnowledgeBaseEvents.answer).filter((e) => e.token === token && e.type === 'text');
      assert.ok(texts.length >= 1 && texts.length < 10, `${texts.length} pieces before the cancel took effect`);
    } finally {
      await bedrock.setTokensPerSecond(0);
    }
  });

  it('opens https and S3 sources only; other schemes are copied instead', async () => {
    assert.equal(sourceUrl('https://parks.example.com/northwind/hours', 'eu-west-1'), 'https://parks.example.com/northwind/hours');
    assert.equal(sourceUrl('s3://my-bucket/docs/a b.md', 'eu-west-1'), 'https://eu-west-1.console.aws.amazon.com/s3/object/my-bucket?region=eu-west-1&prefix=docs%2Fa%20b.md');
    assert.equal(sourceUrl('http://insecure.example.com/', 'us-east-1'), undefined);
    assert.equal(sourceUrl('s3://my-bucket/docs/a.md', 'evil.example/x?'), undefined, 'a value that is not a Region goes into no host name');
    assert.equal(sourceUrl('javascript:alert(1)', 'us-east-1'), undefined);
    assert.equal(sourceUrl('file:///etc/passwd', 'us-east-1'), undefined);
    await side.request(KnowledgeBaseRequests.openSource, { uri: 'file:///etc/passwd' });
    assert.equal(await vscode.env.clipboard.readText(), 'file:///etc/passwd');
  });
});
