import * as assert from 'node:assert/strict';
import { GetKnowledgeBaseCommand, ListKnowledgeBasesCommand } from '@aws-sdk/client-bedrock-agent';
import { RetrieveAndGenerateCommand } from '@aws-sdk/client-bedrock-agent-runtime';
import { agentEndpointFor, createKnowledgeBaseClients } from '../../../src/bedrock/knowledgeBasesClients';
import { chunkSource, generationModelArn, type AskEvent } from '../../../src/bedrock/knowledgeBases';
import type { BedrockService } from '../../../src/bedrock/service';
import { findKnowledgeBase, indexText, search } from '../../localBedrock/corpus';
import { localService, localSettings, model, useLocalBedrock } from '../bedrock/localEndpoint';

async function drain(events: AsyncIterable<AskEvent>): Promise<{ events: AskEvent[]; error?: Error }> {
  const out: AskEvent[] = [];
  try {
    for await (const e of events) out.push(e);
    return { events: out };
  } catch (error) {
    return { events: out, error: error as Error };
  }
}

describe('bedrock/knowledgeBases (real SDK clients against the local endpoint)', () => {
  const local = useLocalBedrock();
  let service: BedrockService;
  beforeEach(() => { service = localService(local.lb); });
  afterEach(() => service.dispose());

  it('lists every knowledge base over HTTP/1.1, following nextToken', async () => {
    const kbs = await service.knowledgeBases.list();
    assert.deepEqual(kbs.map((k) => k.name), ['park-website', 'trail-handbook', 'visitor-faq']);
    assert.equal(kbs[0]!.status, 'ACTIVE');
    assert.match(kbs[0]!.updatedAt ?? '', /^2026-04-11T08:00:00/);
    const calls = await local.control.requestsOf('ListKnowledgeBases');
    assert.equal(calls.length, 1);
    assert.equal((calls[0] as unknown as { protocol: string }).protocol, 'http/1.1');
    // Paging as the endpoint does it, seen through the SDK itself.
    const { agent } = await createKnowledgeBaseClients(localSettings(local.lb));
    try {
      const first = await agent.send(new ListKnowledgeBasesCommand({ maxResults: 2 }));
      assert.equal(first.knowledgeBaseSummaries?.length, 2);
      assert.ok(first.nextToken);
      const second = await agent.send(new ListKnowledgeBasesCommand({ maxResults: 2, nextToken: first.nextToken }));
      assert.deepEqual([second.knowledgeBaseSummaries?.length, second.nextToken], [1, undefined]);
    } finally {
      agent.destroy();
    }
  });

  it('retrieves ranked chunks with scores and S3 / web sources, over HTTP/2', async () => {
    const chunks = await service.knowledgeBases.retrieve({ knowledgeBaseId: 'TRAILHNDBK', query: 'Do I need a camping permit?', numberOfResults: 3 });
    assert.equal(chunks.length, 3);
    assert.ok(chunks.every((c) => typeof c.score === 'number' && c.score > 0 && c.score <= 1));
    assert.deepEqual(chunks.map((c) => c.score), [...chunks.map((c) => c.score!)].sort((a, b) => b - a));
    assert.equal(chunks[0]!.source.uri, 's3://northwind-trails-docs/handbook/permits.md');
    assert.equal(chunks[0]!.source.type, 'S3');
    assert.ok(chunks[0]!.chunkId);
    const web = await service.knowledgeBases.retrieve({ knowledgeBaseId: 'PARKWEBSIT', query: 'parking price', numberOfResults: 1 });
    assert.deepEqual(web[0]!.source, { type: 'WEB', uri: 'https://parks.example.com/northwind/parking' });
    const [call] = await local.control.requestsOf('Retrieve');
    assert.equal((call as unknown as { protocol: string }).protocol, 'h2');
    assert.deepEqual(call!.body, { retrievalQuery: { text: 'Do I need a camping permit?' }, retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 3 } } });
    // Same question, same answer.
    const again = await service.knowledgeBases.retrieve({ knowledgeBaseId: 'TRAILHNDBK', query: 'Do I need a camping permit?', numberOfResults: 3 });
    assert.deepEqual(again, chunks);
  });

  it('refuses an unknown knowledge base and a bad number of results with the service errors', async () => {
    const notFound = await service.knowledgeBases.retrieve({ knowledgeBaseId: 'NOSUCHKB00', query: 'x', numberOfResults: 1 }).catch((e: Error) => e);
    assert.equal((notFound as Error).name, 'ResourceNotFoundException');
    assert.equal(service.describeError(notFound).kind, 'notFound');
    const bad = await service.knowledgeBases.retrieve({ knowledgeBaseId: 'TRAILHNDBK', query: 'x', numberOfResults: 101 }).catch((e: Error) => e);
    assert.equal((bad as Error).name, 'ValidationException');
    assert.match((bad as Error).message, /numberOfResults.*less than or equal to 100/);
  });

  it('streams a cited answer whose citation spans cover the streamed text', async () => {
    const haiku = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
    const arn = generationModelArn(haiku, service.resolveInvocation(haiku).invocationId);
    const { events, error } = await drain(service.knowledgeBases.ask({ knowledgeBaseId: 'TRAILHNDBK', query: 'How much does a camping permit cost?', numberOfResults: 3, modelArn: arn }));
    assert.equal(error, undefined);
    assert.equal(events[0]!.type, 'session');
    const texts = events.filter((e) => e.type === 'text');
    assert.ok(texts.length > 3, 'the answer arrives in several output events');
    const answer = texts.map((e) => (e.type === 'text' ? e.text : '')).join('');
    const citations = events.flatMap((e) => (e.type === 'citation' ? [e.citation] : []));
    assert.ok(citations.length >= 1);
    for (const c of citations) {
      assert.ok(c.end < answer.length && c.start <= c.end);
      assert.ok(c.references[0]!.text.includes(answer.slice(c.start, c.end + 1)), 'the cited sentence comes from its chunk');
    }
    assert.match(answer, /12 dollars per person per night/);
    const [call] = await local.control.requestsOf('RetrieveAndGenerateStream');
    assert.equal((call as unknown as { protocol: string }).protocol, 'h2');
  });

  it('reports a stream broken mid-answer after the text already received', async () => {
    const haiku = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
    await local.control.fault({ operation: 'RetrieveAndGenerateStream', fault: 'streamException', afterEvents: 2, exception: 'throttlingException', message: 'Slow down' });
    const { events, error } = await drain(service.knowledgeBases.ask({ knowledgeBaseId: 'FAQNOTES01', query: 'dogs', numberOfResults: 2, modelArn: haiku.arn }));
    assert.equal(events.filter((e) => e.type === 'text').length, 2);
    assert.ok(error);
    assert.match(error.message, /Slow down/);
  });

  it('refuses an embedding model as the generation model', async () => {
    const { error } = await drain(service.knowledgeBases.ask({ knowledgeBaseId: 'FAQNOTES01', query: 'dogs', numberOfResults: 2, modelArn: 'amazon.titan-embed-text-v2:0' }));
    assert.equal(error?.name, 'ValidationException');
  });

  it('cancels a stream in flight', async () => {
    await local.control.rate(20);
    const controller = new AbortController();
    const got: AskEvent[] = [];
    const { error } = await drain((async function* () {
      for await (const e of service.knowledgeBases.ask({ knowledgeBaseId: 'TRAILHNDBK', query: 'bears and water', numberOfResults: 3, modelArn: 'anthropic.claude-3-haiku-20240307-v1:0' }, controller.signal)) {
        got.push(e);
        if (got.filter((x) => x.type === 'text').length === 1) controller.abort();
        yield e;
      }
    })());
    assert.equal(error?.name, 'AbortError');
    assert.equal(got.filter((x) => x.type === 'text').length, 1);
  });

  it('answers GetKnowledgeBase and the non-streaming RetrieveAndGenerate like the streaming one', async () => {
    const { agent, agentRuntime } = await createKnowledgeBaseClients(localSettings(local.lb));
    try {
      const kb = await agent.send(new GetKnowledgeBaseCommand({ knowledgeBaseId: 'PARKWEBSIT' }));
      assert.equal(kb.knowledgeBase?.name, 'park-website');
      assert.ok(kb.knowledgeBase?.createdAt instanceof Date);
      const input = {
        input: { text: 'Where do I park?' },
        retrieveAndGenerateConfiguration: {
          type: 'KNOWLEDGE_BASE' as const,
          knowledgeBaseConfiguration: { knowledgeBaseId: 'PARKWEBSIT', modelArn: 'anthropic.claude-3-haiku-20240307-v1:0', retrievalConfiguration: { vectorSearchConfiguration: { numberOfResults: 2 } } },
        },
        sessionId: 'session-1',
      };
      const whole = await agentRuntime.send(new RetrieveAndGenerateCommand(input));
      assert.equal(whole.sessionId, 'session-1');
      assert.match(whole.output?.text ?? '', /Parking at the Pine Gate trailhead costs 5 dollars per day/);
      assert.equal(whole.citations?.[0]?.retrievedReferences?.[0]?.location?.webLocation?.url, 'https://parks.example.com/northwind/parking');
      const streamed = await drain(service.knowledgeBases.ask({ knowledgeBaseId: 'PARKWEBSIT', query: 'Where do I park?', numberOfResults: 2, modelArn: 'anthropic.claude-3-haiku-20240307-v1:0' }));
      assert.equal(streamed.events.map((e) => (e.type === 'text' ? e.text : '')).join(''), whole.output?.text);
      const bad = await agentRuntime.send(new RetrieveAndGenerateCommand({ ...input, retrieveAndGenerateConfiguration: { type: 'EXTERNAL_SOURCES' } })).catch((e: Error) => e);
      assert.equal((bad as Error).name, 'ValidationException');
    } finally {
      agent.destroy();
      agentRuntime.destroy();
    }
  });

  it('ranks the stand-in corpus by topic, the same way every time (pure)', () => {
    const top = (kb: string, q: string) => search(findKnowledgeBase(kb)!, q, 1)[0]!.chunk.title;
    assert.equal(top('PARKWEBSIT', 'Where do I park?'), 'Parking');
    assert.equal(top('PARKWEBSIT', 'When does the park open?'), 'Opening hours');
    assert.equal(top('TRAILHNDBK', 'bears and water'), 'Trail safety');
    assert.equal(top('FAQNOTES01', 'Can I bring my dog?'), 'Dogs and pets');
    assert.equal(indexText('Parking at the trailheads'), 'park trailhead');
    assert.deepEqual(search(findKnowledgeBase('TRAILHNDBK')!, 'permit', 5), search(findKnowledgeBase('TRAILHNDBK')!, 'permit', 5));
  });

  it('picks the endpoint of the agent services (pure)', () => {
    assert.equal(agentEndpointFor({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', local: true }), 'http://127.0.0.1:9');
    assert.equal(agentEndpointFor({ region: 'us-east-1', endpoint: 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com' }), undefined);
    assert.equal(agentEndpointFor({ region: 'us-east-1', endpoint: 'https://bedrock.us-east-1.amazonaws.com' }), undefined);
    assert.equal(agentEndpointFor({ region: 'us-east-1', endpoint: 'https://gateway.example.com' }), 'https://gateway.example.com');
    assert.equal(agentEndpointFor({ region: 'us-east-1' }), undefined);
    assert.deepEqual(chunkSource({ type: 'WEB', webLocation: { url: 'https://a.example/x' } }), { type: 'WEB', uri: 'https://a.example/x' });
    assert.deepEqual(chunkSource(undefined), { type: 'UNKNOWN' });
  });
});
