import * as assert from 'node:assert/strict';
import { createClients } from '../../../src/bedrock/clients';
import { fetchCatalog, findInCatalog, listInferenceProfiles, mergeCatalog, modelIdFromArn } from '../../../src/bedrock/catalog';
import { localService, localSettings, useLocalBedrock } from './localEndpoint';

describe('bedrock/catalog', () => {
  describe('mergeCatalog (pure)', () => {
    it('attaches each profile to every model it contains, once, and keeps unknown models out', () => {
      const arn = (id: string, r = 'us-east-1') => `arn:aws:bedrock:${r}::foundation-model/${id}`;
      const catalog = mergeCatalog(
        [
          { modelId: 'a.one-v1', modelArn: arn('a.one-v1'), modelName: 'One', providerName: 'A', inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'LEGACY' } },
          { modelId: 'a.one-v1', modelArn: arn('a.one-v1'), modelName: 'One (duplicate)', providerName: 'A' },
          { modelId: 'b.two-v1', modelArn: arn('b.two-v1'), modelName: 'Two', providerName: 'B' },
        ],
        [
          { inferenceProfileId: 'us.a.one-v1', inferenceProfileArn: 'arn:p/us.a.one-v1', inferenceProfileName: 'US One', type: 'SYSTEM_DEFINED', status: 'ACTIVE',
            models: [{ modelArn: arn('a.one-v1') }, { modelArn: arn('a.one-v1', 'us-west-2') }, { modelArn: arn('c.unknown-v1') }] },
          { inferenceProfileId: 'us.a.one-v1', inferenceProfileArn: 'arn:p/us.a.one-v1', inferenceProfileName: 'dup', type: 'SYSTEM_DEFINED', status: 'ACTIVE', models: [] },
          { inferenceProfileId: 'app1', inferenceProfileArn: 'arn:aws:bedrock:us-east-1:1:application-inference-profile/app1', inferenceProfileName: 'mine', type: 'APPLICATION', status: 'ACTIVE', models: [{ modelArn: arn('b.two-v1') }] },
        ],
        42,
      );
      assert.deepEqual(catalog.models.map((m) => m.id), ['a.one-v1', 'b.two-v1']);
      const one = catalog.models[0]!;
      assert.equal(one.name, 'One');
      assert.equal(one.lifecycle, 'LEGACY');
      assert.deepEqual(one.profiles.map((p) => p.id), ['us.a.one-v1']);
      assert.deepEqual(catalog.models[1]!.profiles.map((p) => [p.id, p.type]), [['app1', 'APPLICATION']]);
      assert.equal(catalog.profiles.length, 2);
      assert.equal(catalog.fetchedAt, 42);
    });

    it('reads the model id out of a foundation-model ARN', () => {
      assert.equal(modelIdFromArn('arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0'), 'anthropic.claude-3-haiku-20240307-v1:0');
      assert.equal(modelIdFromArn('arn:aws:bedrock:eu-west-1:1:inference-profile/eu.x'), undefined);
    });
  });

  describe('through the SDK against the local endpoint', () => {
    const local = useLocalBedrock();

    it('lists models and profiles in parallel and merges them into one record per model', async () => {
      const service = localService(local.lb);
      try {
        const catalog = await service.catalog();
        const ids = catalog.models.map((m) => m.id);
        assert.equal(new Set(ids).size, ids.length, 'one record per model');
        const sonnet = catalog.models.find((m) => m.id === 'anthropic.claude-sonnet-4-5-20250929-v1:0');
        assert.ok(sonnet);
        assert.deepEqual(sonnet.inferenceTypes, ['INFERENCE_PROFILE']);
        assert.deepEqual(sonnet.inputModalities, ['TEXT', 'IMAGE']);
        assert.equal(sonnet.streaming, true);
        assert.deepEqual(sonnet.profiles.map((p) => p.id).sort(), ['apac.', 'eu.', 'global.', 'us.'].map((g) => g + sonnet.id).sort());
        const legacy = catalog.models.find((m) => m.id === 'cohere.command-text-v14');
        assert.equal(legacy?.lifecycle, 'LEGACY');
        assert.ok(legacy?.endOfLife?.startsWith('2026-12-31'));
        // Application profiles are listed and attached too.
        const haiku = catalog.models.find((m) => m.id === 'anthropic.claude-3-haiku-20240307-v1:0');
        assert.ok(haiku?.profiles.some((p) => p.type === 'APPLICATION' && p.arn.includes(':application-inference-profile/')));
        assert.ok(catalog.profiles.some((p) => p.type === 'APPLICATION'));

        const log = await local.control.requests();
        assert.deepEqual(log.map((r) => r.operation).sort(), ['ListFoundationModels', 'ListInferenceProfiles', 'ListInferenceProfiles']);
      } finally {
        service.dispose();
      }
    });

    it('follows nextToken through every page', async () => {
      const pair = await createClients(localSettings(local.lb));
      try {
        const profiles = await listInferenceProfiles(pair.control, 'SYSTEM_DEFINED', undefined, 4);
        const pages = await local.control.requestsOf('ListInferenceProfiles');
        assert.ok(pages.length > 3, `expected several pages, got ${pages.length}`);
        assert.equal(new Set(profiles.map((p) => p.inferenceProfileId)).size, profiles.length, 'no profile twice');
        await local.control.reset();
        const whole = await fetchCatalog(pair.control, undefined, 1000);
        assert.equal(whole.profiles.filter((p) => p.type === 'SYSTEM_DEFINED').length, profiles.length, 'small pages list what one big page lists');
      } finally {
        pair.runtime.destroy();
        pair.control.destroy();
      }
    });

    it('is cached per connection, refreshed on demand, and dropped when the region changes', async () => {
      let settings = localSettings(local.lb);
      const { BedrockService } = await import('../../../src/bedrock/service');
      const service = new BedrockService(() => settings);
      let changes = 0;
      service.onDidChangeConnection(() => changes++);
      try {
        const [a, b] = await Promise.all([service.catalog(), service.catalog()]);
        assert.equal(a, b, 'concurrent callers share one fetch');
        assert.equal((await local.control.requestsOf('ListFoundationModels')).length, 1);
        await service.catalog({ refresh: true });
        assert.equal((await local.control.requestsOf('ListFoundationModels')).length, 2);
        settings = { ...settings, maxAttempts: 5 };
        service.settingsChanged();
        assert.equal(changes, 0, 'retry settings do not change the connection');
        await service.catalog();
        assert.equal((await local.control.requestsOf('ListFoundationModels')).length, 2, 'catalog kept');
        settings = { ...settings, region: 'eu-west-1' };
        service.settingsChanged();
        assert.equal(changes, 1);
        const eu = await service.catalog();
        assert.equal((await local.control.requestsOf('ListFoundationModels')).length, 3, 'catalog refetched');
        assert.ok(eu.models[0]?.arn.includes(':eu-west-1:'), 'fetched with the new region');
      } finally {
        service.dispose();
      }
    });

    it('still lists the models when inference profiles may not be listed, and says so', async () => {
      const service = localService(local.lb);
      try {
        await local.control.fault({ operation: 'ListInferenceProfiles', fault: 'accessDenied', times: 2 });
        const catalog = await service.catalog();
        assert.ok(catalog.models.length > 10);
        assert.deepEqual(catalog.profiles, []);
        assert.equal(catalog.warnings?.length, 2);
        assert.match(catalog.warnings![0]!, /bedrock:ListInferenceProfiles/);
        const sonnet = catalog.models.find((m) => m.id === 'anthropic.claude-sonnet-4-5-20250929-v1:0')!;
        assert.equal(service.resolveInvocation(sonnet).invocationId, `us.${sonnet.id}`, 'the geography profile is guessed');
      } finally {
        service.dispose();
      }
    });

    it('fails as a whole when the models themselves cannot be listed', async () => {
      const service = localService(local.lb);
      try {
        await local.control.fault({ operation: 'ListFoundationModels', fault: 'accessDenied' });
        await assert.rejects(service.catalog(), (e: Error) => e.name === 'AccessDeniedException');
        assert.ok((await service.catalog()).models.length > 10, 'a failure is not cached');
      } finally {
        service.dispose();
      }
    });

    it('finds models by id, ARN, profile id and application-profile ARN', async () => {
      const service = localService(local.lb);
      try {
        const catalog = await service.catalog();
        const id = 'anthropic.claude-3-7-sonnet-20250219-v1:0';
        assert.equal((await service.findModel(id))?.id, id);
        assert.equal((await service.findModel(`us.${id}`))?.id, id);
        assert.equal((await service.findModel(`arn:aws:bedrock:us-east-1::foundation-model/${id}`))?.id, id);
        const app = catalog.profiles.find((p) => p.type === 'APPLICATION' && p.name === 'docs-writer-sonnet');
        assert.ok(app);
        assert.equal(findInCatalog(catalog, app.arn)?.id, id);
        assert.equal(await service.findModel('nobody.nothing-v1'), undefined);
      } finally {
        service.dispose();
      }
    });

    it('returns GetFoundationModel details as plain JSON', async () => {
      const service = localService(local.lb);
      try {
        const details = (await service.modelDetails('amazon.nova-pro-v1:0')) as { modelId?: string; modelLifecycle?: { startOfLifeTime?: unknown } };
        assert.equal(details.modelId, 'amazon.nova-pro-v1:0');
        assert.equal(typeof details.modelLifecycle?.startOfLifeTime, 'string');
      } finally {
        service.dispose();
      }
    });
  });
});
