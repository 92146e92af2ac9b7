import * as assert from 'node:assert/strict';
import {
  GetFoundationModelCommand, GetInferenceProfileCommand, ListFoundationModelsCommand, type ListFoundationModelsCommandInput, ListInferenceProfilesCommand, paginateListInferenceProfiles,
} from '@aws-sdk/client-bedrock';
import { rejection, useLocalBedrock } from './harness';

describe('local Bedrock catalog', () => {
  const h = useLocalBedrock({ region: 'eu-west-1' });

  it('lists the stand-in models with real ids, modalities, inference types and lifecycle', async () => {
    const { modelSummaries = [] } = await h.control.send(new ListFoundationModelsCommand({}));
    const byId = new Map(modelSummaries.map((m) => [m.modelId, m]));
    for (const id of ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-7-sonnet-20250219-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0',
      'amazon.nova-pro-v1:0', 'amazon.nova-canvas-v1:0', 'amazon.titan-text-express-v1', 'amazon.titan-image-generator-v2:0', 'amazon.titan-embed-text-v2:0',
      'meta.llama3-3-70b-instruct-v1:0', 'mistral.mistral-7b-instruct-v0:2', 'mistral.mistral-large-2402-v1:0', 'cohere.command-r-plus-v1:0',
      'cohere.command-text-v14', 'cohere.embed-english-v3', 'ai21.jamba-1-5-large-v1:0', 'stability.sd3-5-large-v1:0', 'stability.stable-image-core-v1:1',
      'stability.stable-image-ultra-v1:1', 'stability.stable-diffusion-xl-v1']) {
      assert.ok(byId.has(id), id);
    }
    const haiku = byId.get('anthropic.claude-3-haiku-20240307-v1:0')!;
    assert.equal(haiku.modelArn, 'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0');
    assert.deepEqual(haiku.inputModalities, ['TEXT', 'IMAGE']);
    assert.deepEqual(haiku.inferenceTypesSupported, ['ON_DEMAND']);
    assert.deepEqual(byId.get('anthropic.claude-3-7-sonnet-20250219-v1:0')!.inferenceTypesSupported, ['INFERENCE_PROFILE']);
    assert.equal(byId.get('cohere.command-text-v14')!.modelLifecycle?.status, 'LEGACY');
    assert.equal(byId.get('stability.stable-diffusion-xl-v1')!.modelLifecycle?.status, 'LEGACY');
    assert.equal(byId.get('amazon.nova-canvas-v1:0')!.responseStreamingSupported, false);
  });

  it('filters by provider, output modality, inference type and customization', async () => {
    const ids = async (input: ListFoundationModelsCommandInput) =>
      ((await h.control.send(new ListFoundationModelsCommand(input))).modelSummaries ?? []).map((m) => m.modelId);
    assert.ok((await ids({ byProvider: 'anthropic' })).every((id) => id?.startsWith('anthropic.')));
    assert.deepEqual(await ids({ byOutputModality: 'EMBEDDING' }), ['amazon.titan-embed-text-v2:0', 'cohere.embed-english-v3', 'cohere.embed-multilingual-v3']);
    const onDemand = await ids({ byInferenceType: 'ON_DEMAND' });
    assert.ok(onDemand.includes('amazon.nova-micro-v1:0') && !onDemand.includes('anthropic.claude-3-7-sonnet-20250219-v1:0'));
    assert.ok((await ids({ byCustomizationType: 'FINE_TUNING' })).includes('amazon.titan-text-express-v1'));
    assert.deepEqual(await ids({ byProvider: 'Stability AI', byOutputModality: 'TEXT' }), []);
  });

  it('rejects an invalid filter value with a ValidationException', async () => {
    const err = await rejection(() => h.control.send(new ListFoundationModelsCommand({ byOutputModality: 'VIDEO' as 'TEXT' })));
    assert.equal(err.name, 'ValidationException');
    assert.match(err.message, /byOutputModality/);
  });

  it('gets one model, and answers ResourceNotFound for an unknown one', async () => {
    const { modelDetails } = await h.control.send(new GetFoundationModelCommand({ modelIdentifier: 'amazon.nova-lite-v1:0' }));
    assert.equal(modelDetails?.modelName, 'Nova Lite');
    const err = await rejection(() => h.control.send(new GetFoundationModelCommand({ modelIdentifier: 'acme.nothing-v1:0' })));
    assert.equal(err.name, 'ResourceNotFoundException');
    assert.equal(err.message, 'The provided model identifier is invalid.');
  });

  it('pages inference profiles by 10 by default, honours maxResults, and ends without a token', async () => {
    const first = await h.control.send(new ListInferenceProfilesCommand({}));
    assert.equal(first.inferenceProfileSummaries?.length, 10);
    assert.ok(first.nextToken);
    const all: string[] = [];
    let pages = 0;
    for await (const page of paginateListInferenceProfiles({ client: h.control, pageSize: 7 }, {})) {
      pages++;
      assert.ok((page.inferenceProfileSummaries?.length ?? 0) <= 7);
      all.push(...(page.inferenceProfileSummaries ?? []).map((p) => p.inferenceProfileId!));
    }
    assert.equal(new Set(all).size, all.length, 'no profile repeats across pages');
    assert.ok(all.length > 20 && pages === Math.ceil(all.length / 7));
    for (const id of ['us.anthropic.claude-3-7-sonnet-20250219-v1:0', 'eu.anthropic.claude-3-7-sonnet-20250219-v1:0', 'apac.amazon.nova-lite-v1:0',
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.meta.llama3-3-70b-instruct-v1:0']) assert.ok(all.includes(id), id);
    const log = await h.requests();
    assert.deepEqual(log.filter((r) => r.operation === 'ListInferenceProfiles').map((r) => r.body.maxResults).slice(1, 3), ['7', '7']);
  });

  it('describes system-defined and application profiles with their model ARNs', async () => {
    const { inferenceProfileSummaries: apps = [] } = await h.control.send(new ListInferenceProfilesCommand({ typeEquals: 'APPLICATION' }));
    assert.ok(apps.length >= 1 && apps.every((p) => p.type === 'APPLICATION'));
    assert.match(apps[0]!.inferenceProfileArn!, /^arn:aws:bedrock:eu-west-1:\d{12}:application-inference-profile\//);
    const us = await h.control.send(new GetInferenceProfileCommand({ inferenceProfileIdentifier: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0' }));
    assert.equal(us.type, 'SYSTEM_DEFINED');
    assert.deepEqual(us.models?.map((m) => m.modelArn?.split(':')[3]), ['us-east-1', 'us-east-2', 'us-west-2']);
    assert.ok(us.createdAt instanceof Date);
  });

  it('rejects a bad maxResults and a forged nextToken', async () => {
    assert.equal((await rejection(() => h.control.send(new ListInferenceProfilesCommand({ maxResults: 0 })))).name, 'ValidationException');
    assert.equal((await rejection(() => h.control.send(new ListInferenceProfilesCommand({ nextToken: 'bogus' })))).name, 'ValidationException');
  });
});
