import * as assert from 'node:assert/strict';
import { geographyPrefixes, resolveInvocation, resolveRequested } from '../../../src/bedrock/invocation';
import type { ModelRecord } from '../../../src/bedrock/types';
import { collect, localService, model, useLocalBedrock } from './localEndpoint';

function record(id: string, inferenceTypes: ModelRecord['inferenceTypes'], geos: string[]): ModelRecord {
  return {
    id, arn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`, name: id, provider: 'Anthropic', inputModalities: ['TEXT'], outputModalities: ['TEXT'],
    streaming: true, lifecycle: 'ACTIVE', inferenceTypes,
    profiles: geos.map((g) => ({ id: `${g}.${id}`, arn: `arn:aws:bedrock:us-east-1:1:inference-profile/${g}.${id}`, name: g, type: 'SYSTEM_DEFINED' as const })),
  };
}

describe('bedrock/invocation', () => {
  describe('resolveInvocation (pure)', () => {
    const everywhere = record('anthropic.claude-x-v1:0', ['INFERENCE_PROFILE'], ['us', 'eu', 'apac', 'jp', 'au', 'us-gov', 'global']);
    const cases: Array<[string, string]> = [
      ['us-east-1', 'us.'], ['us-west-2', 'us.'], ['eu-central-1', 'eu.'], ['ap-south-1', 'apac.'],
      ['ap-northeast-1', 'jp.'], ['ap-southeast-2', 'au.'], ['us-gov-west-1', 'us-gov.'], ['sa-east-1', 'global.'],
    ];
    for (const [region, prefix] of cases) {
      it(`calls a profile-only model from ${region} through ${prefix}`, () => {
        const r = resolveInvocation(everywhere, region);
        assert.equal(r.invocationId, prefix + everywhere.id);
        assert.equal(r.via, 'profile');
        assert.match(r.note ?? '', new RegExp(prefix.replace('.', '\\.')));
      });
    }

    it('prefers the profile that exists: apac. when there is no jp., global. when the geography has none', () => {
      const noJp = record('anthropic.claude-y-v1:0', ['INFERENCE_PROFILE'], ['us', 'apac', 'global']);
      assert.equal(resolveInvocation(noJp, 'ap-northeast-1').invocationId, `apac.${noJp.id}`);
      const noEu = record('anthropic.claude-z-v1:0', ['INFERENCE_PROFILE'], ['us', 'global']);
      assert.equal(resolveInvocation(noEu, 'eu-west-1').invocationId, `global.${noEu.id}`);
    });

    it('calls on-demand models by their own id', () => {
      const r = resolveInvocation(record('amazon.nova-pro-v1:0', ['ON_DEMAND', 'INFERENCE_PROFILE'], ['us']), 'us-east-1');
      assert.deepEqual([r.invocationId, r.via], ['amazon.nova-pro-v1:0', 'model']);
    });

    it('guesses the geography profile when the catalog lists none', () => {
      const r = resolveInvocation(record('meta.llama-q-v1:0', ['INFERENCE_PROFILE'], []), 'eu-west-3');
      assert.equal(r.invocationId, 'eu.meta.llama-q-v1:0');
      assert.match(r.note ?? '', /none is listed/);
    });

    it('passes chosen profile ids and ARNs through untouched', () => {
      assert.equal(resolveRequested('eu.anthropic.claude-3-haiku-20240307-v1:0').via, 'profile');
      const app = resolveRequested('arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/a1b2c3d4e5f6');
      assert.equal(app.via, 'arn');
      assert.match(app.note ?? '', /application inference profile/);
      assert.equal(resolveRequested('amazon.nova-lite-v1:0').via, 'model');
    });

    it('knows each geography', () => {
      assert.deepEqual(geographyPrefixes('ap-northeast-1'), ['jp.', 'apac.']);
      assert.deepEqual(geographyPrefixes('me-central-1'), []);
    });
  });

  describe('the id Bedrock receives (local endpoint)', () => {
    const local = useLocalBedrock();
    const cases: Array<[string, string, string]> = [
      ['us-east-1', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['eu-west-1', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['ap-northeast-1', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'apac.anthropic.claude-sonnet-4-5-20250929-v1:0'],
      ['ap-northeast-1', 'anthropic.claude-haiku-4-5-20251001-v1:0', 'global.anthropic.claude-haiku-4-5-20251001-v1:0'],
      ['eu-west-1', 'amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0'],
    ];
    for (const [region, id, sent] of cases) {
      it(`${id} from ${region} → ${sent}`, async () => {
        const service = localService(local.lb, { region });
        try {
          const { events, error } = await collect(service.chat({ model: await model(service, id), messages: [{ role: 'user', text: 'hi' }], settings: {} }));
          assert.equal(error, undefined, String(error));
          const first = events[0];
          assert.equal(first?.type === 'request' ? first.invocation.invocationId : undefined, sent);
          const [received] = await local.control.runtimeRequests();
          assert.equal(received?.modelId, sent);
        } finally {
          service.dispose();
        }
      });
    }

    it('sends an application inference profile ARN as chosen', async () => {
      const service = localService(local.lb);
      try {
        const catalog = await service.catalog();
        const app = catalog.profiles.find((p) => p.type === 'APPLICATION')!;
        const m = (await service.findModel(app.arn))!;
        const { error } = await collect(service.chat({ model: m, invocationId: app.arn, messages: [{ role: 'user', text: 'hi' }], settings: {} }));
        assert.equal(error, undefined, String(error));
        assert.equal((await local.control.runtimeRequests())[0]?.modelId, app.arn);
      } finally {
        service.dispose();
      }
    });
  });
});
