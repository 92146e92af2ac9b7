import * as assert from 'node:assert/strict';
import { embeddingBody, planTexts } from '../../../src/bedrock/embeddings';
import { cosine, nearestNeighbours, similarityMatrix } from '../../../src/bedrock/embeddingsMath';
import { embeddingSpecFor } from '../../../src/bedrock/families/embeddingModels';
import type { BedrockService } from '../../../src/bedrock/service';
import { localService, useLocalBedrock } from '../bedrock/localEndpoint';

const titan = embeddingSpecFor({ id: 'amazon.titan-embed-text-v2:0' })!;
const cohere = embeddingSpecFor({ id: 'cohere.embed-english-v3' })!;

describe('bedrock/embeddings', () => {
  describe('limits and bodies (pure)', () => {
    it('knows each model family and leaves unknown models out', () => {
      assert.deepEqual([titan.family, titan.dimensions, titan.maxBatch, titan.overLimit], ['titanV2', [256, 512, 1024], 1, 'refuse']);
      assert.deepEqual([cohere.family, cohere.maxBatch, cohere.maxChars, cohere.overLimit], ['cohereV3', 96, 2048, 'truncate']);
      assert.equal(embeddingSpecFor({ id: 'us.cohere.embed-multilingual-v3' })?.family, 'cohereV3');
      assert.equal(embeddingSpecFor({ id: 'amazon.titan-embed-image-v1' }), undefined);
    });

    it('refuses over-long texts for Titan and truncates them for Cohere, saying so per text', () => {
      const long = 'x'.repeat(50_001);
      const t = planTexts(titan, ['a', long, '  ']);
      assert.deepEqual(t.outcomes.map((o) => o.status), ['embedded', 'refused', 'refused']);
      assert.deepEqual(t.sent.map((s) => s.index), [0]);
      assert.match(t.outcomes[1]!.status === 'refused' ? t.outcomes[1]!.reason : '', /50,001 characters; the model takes at most 50,000/);
      const c = planTexts(cohere, ['a', 'y'.repeat(3000)]);
      assert.deepEqual(c.outcomes[1], { status: 'truncated', sentChars: 2048, originalChars: 3000 });
      assert.equal(c.sent[1]!.text.length, 2048);
    });

    it('builds each family\'s body', () => {
      assert.deepEqual(embeddingBody({ spec: titan, dimensions: 256, normalize: false }, ['hi']), { inputText: 'hi', dimensions: 256, normalize: false });
      assert.deepEqual(embeddingBody({ spec: cohere, inputType: 'search_query' }, ['a', 'b']), { texts: ['a', 'b'], input_type: 'search_query', truncate: 'END' });
      assert.throws(() => embeddingBody({ spec: titan, dimensions: 300 }, ['hi']), /256, 512, 1024/);
    });

    it('computes cosine similarities and ranks neighbours', () => {
      assert.equal(cosine([1, 0], [0, 1]), 0);
      assert.equal(cosine([0, 0], [1, 1]), 0);
      const m = similarityMatrix([[1, 0], undefined, [1, 1]]);
      assert.deepEqual(m[1], [null, null, null]);
      assert.equal(m[0]![0], 1);
      assert.ok(Math.abs(m[0]![2]! - Math.SQRT1_2) < 1e-12 && m[2]![0] === m[0]![2]);
      assert.deepEqual(nearestNeighbours([1, 0], [[0, 1], undefined, [1, 0.1]]).map((n) => n.index), [2, 0]);
    });
  });

  describe('through the real runtime client against the local endpoint', () => {
    const local = useLocalBedrock();
    let service: BedrockService;
    beforeEach(() => { service = localService(local.lb); });
    afterEach(() => service.dispose());

    it('embeds with Titan v2 at the chosen size, one call per text, refusing the over-long one', async () => {
      const texts = ['the cat sat on the mat', 'a cat on a mat', 'quarterly tax report', 'z'.repeat(50_001)];
      const progress: number[] = [];
      const r = await service.embed({ invocationId: 'amazon.titan-embed-text-v2:0', spec: titan, texts, dimensions: 256, normalize: true }, undefined, (d) => progress.push(d));
      assert.equal(r.calls, 3);
      assert.equal(r.dimensions, 256);
      assert.deepEqual(r.vectors.map((v) => v?.length), [256, 256, 256, undefined]);
      assert.equal(r.outcomes[3]!.status, 'refused');
      assert.deepEqual(progress.sort(), [1, 2, 3]);
      const sims = similarityMatrix(r.vectors);
      assert.ok(sims[0]![1]! > sims[0]![2]!, 'texts sharing words are closer');
      const sent = await local.control.requestsOf('InvokeModel');
      assert.equal(sent.length, 3);
      assert.deepEqual((sent[0]!.body as Record<string, unknown>).dimensions, 256);
      assert.ok(r.inputTokens && r.inputTokens > 0);
    });

    it('sends Cohere texts in batches of 96 and truncates a long one', async () => {
      const texts = Array.from({ length: 200 }, (_, i) => `document number ${i}`);
      texts[5] = 'w '.repeat(1500);
      const r = await service.embed({ invocationId: 'cohere.embed-english-v3', spec: cohere, texts, inputType: 'clustering' });
      assert.equal(r.calls, 3);
      const sent = await local.control.requestsOf('InvokeModel');
      assert.deepEqual(sent.map((s) => ((s.body as { texts: string[] }).texts).length), [96, 96, 8]);
      assert.equal((sent[0]!.body as { input_type: string }).input_type, 'clustering');
      assert.deepEqual(r.outcomes[5], { status: 'truncated', sentChars: 2048, originalChars: 3000 });
      assert.ok(r.vectors.every((v) => v?.length === 1024));
      assert.equal(r.request?.operation, 'InvokeModel');
    });

    it('fails with the service error when the model refuses, and can be cancelled', async () => {
      await local.control.fault({ operation: 'InvokeModel', fault: 'accessDenied' });
      const err = await service.embed({ invocationId: 'amazon.titan-embed-text-v2:0', spec: titan, texts: ['a'] }).catch((e: Error) => e);
      assert.equal(service.describeError(err).kind, 'accessDenied');
      const controller = new AbortController();
      controller.abort();
      const aborted = await service.embed({ invocationId: 'amazon.titan-embed-text-v2:0', spec: titan, texts: ['a', 'b'] }, controller.signal).catch((e: Error) => e);
      assert.equal((aborted as Error).name, 'AbortError');
    });
  });
});
