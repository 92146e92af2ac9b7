import * as assert from 'node:assert/strict';
import type { Catalog, InferenceProfileRecord, ModelRecord } from '../../../src/bedrock/types';
import { buildCatalogView, isFiltered, modelBadges, modelDescription, modelMatches, modelTooltip, needsProfile, profileModels, profileTooltip } from '../../../src/models/catalogView';

function model(id: string, provider: string, over: Partial<ModelRecord> = {}): ModelRecord {
  return {
    id, provider,
    arn: `arn:aws:bedrock:us-east-1::foundation-model/${id}`,
    name: over.name ?? id,
    inputModalities: ['TEXT'], outputModalities: ['TEXT'],
    streaming: true, lifecycle: 'ACTIVE', inferenceTypes: ['ON_DEMAND'], profiles: [],
    ...over,
  };
}

const sonnet = model('anthropic.claude-3-7-sonnet-20250219-v1:0', 'Anthropic', { name: 'Claude 3.7 Sonnet', inferenceTypes: ['INFERENCE_PROFILE'], inputModalities: ['TEXT', 'IMAGE'] });
const haiku = model('anthropic.claude-3-haiku-20240307-v1:0', 'Anthropic', { name: 'Claude 3 Haiku' });
const canvas = model('amazon.nova-canvas-v1:0', 'Amazon', { name: 'Nova Canvas', outputModalities: ['IMAGE'], streaming: false });
const embed = model('amazon.titan-embed-text-v2:0', 'Amazon', { name: 'Titan Text Embeddings V2', outputModalities: ['EMBEDDING'], streaming: false });
const command = model('cohere.command-text-v14', 'Cohere', { name: 'Command', lifecycle: 'LEGACY', endOfLife: '2025-10-01T00:00:00Z' });
const usProfile: InferenceProfileRecord = {
  id: 'us.anthropic.claude-3-7-sonnet-20250219-v1:0', arn: 'arn:aws:bedrock:us-east-1:1:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
  name: 'US Claude 3.7 Sonnet', type: 'SYSTEM_DEFINED', status: 'ACTIVE',
  modelArns: ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0', 'arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-7-sonnet-20250219-v1:0'],
};
const appProfile: InferenceProfileRecord = {
  id: 'abc123', arn: 'arn:aws:bedrock:us-east-1:1:application-inference-profile/abc123', name: 'team-cost-tag', type: 'APPLICATION', status: 'ACTIVE',
  modelArns: ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0'],
};
const catalog: Catalog = { models: [sonnet, haiku, canvas, embed, command], profiles: [appProfile, usProfile], fetchedAt: 0 };

describe('the model explorer view of the catalog', () => {
  it('groups by provider, sorted, models by name', () => {
    const view = buildCatalogView(catalog, 'provider');
    assert.deepEqual(view.groups.map((g) => g.label), ['Amazon', 'Anthropic', 'Cohere']);
    assert.deepEqual(view.groups[1]?.models.map((m) => m.name), ['Claude 3 Haiku', 'Claude 3.7 Sonnet']);
    assert.equal(view.totalModels, 5);
    assert.equal(view.shownModels, 5);
  });

  it('groups by output modality in a fixed order', () => {
    const view = buildCatalogView(catalog, 'modality');
    assert.deepEqual(view.groups.map((g) => [g.label, g.models.length]), [['Text', 3], ['Image', 1], ['Embedding', 1]]);
  });

  it('puts system-defined and application profiles apart', () => {
    const view = buildCatalogView(catalog, 'provider');
    assert.deepEqual(view.systemProfiles.map((p) => p.id), [usProfile.id]);
    assert.deepEqual(view.applicationProfiles.map((p) => p.id), ['abc123']);
  });

  it('filters by every word of the text, across name, id and provider', () => {
    const view = buildCatalogView(catalog, 'provider', { text: 'claude SONNET', modalities: [] });
    assert.deepEqual(view.groups.map((g) => g.models.map((m) => m.id)), [[sonnet.id]]);
    assert.equal(view.shownModels, 1);
    assert.deepEqual(view.systemProfiles.map((p) => p.id), [usProfile.id]);
    assert.deepEqual(view.applicationProfiles, []);
    assert.ok(modelMatches(canvas, { text: 'amazon', modalities: [] }));
  });

  it('filters by output modality, profiles by their models', () => {
    const view = buildCatalogView(catalog, 'provider', { text: '', modalities: ['IMAGE'] });
    assert.deepEqual(view.groups.map((g) => g.models.map((m) => m.id)), [[canvas.id]]);
    assert.deepEqual(view.applicationProfiles.map((p) => p.id), ['abc123']);
    assert.deepEqual(view.systemProfiles, []);
    assert.ok(isFiltered({ text: '', modalities: ['IMAGE'] }));
    assert.ok(!isFiltered({ text: '  ', modalities: [] }));
  });

  it('leaves out groups the filter empties', () => {
    const view = buildCatalogView(catalog, 'modality', { text: 'nothing-like-this', modalities: [] });
    assert.deepEqual(view.groups, []);
  });

  it('badges: streaming, LEGACY with end of life, via profile', () => {
    assert.deepEqual(modelBadges(sonnet), ['via profile', 'streaming']);
    assert.deepEqual(modelBadges(command), ['LEGACY until 2025-10-01', 'streaming']);
    assert.deepEqual(modelBadges(canvas), []);
    assert.equal(modelDescription(haiku), `${haiku.id} · streaming`);
    // LEGACY leads, so a narrow sidebar's ellipsis cannot hide it.
    assert.equal(modelDescription(command), `LEGACY until 2025-10-01 · ${command.id} · streaming`);
    assert.ok(needsProfile(sonnet));
    assert.ok(!needsProfile(haiku));
  });

  it('tooltips say how the model is called and escape names', () => {
    const tip = modelTooltip(sonnet, usProfile.id, 'via us. inference profile');
    assert.match(tip, /Called as: `us\.anthropic/);
    assert.match(tip, /TEXT, IMAGE → TEXT/);
    assert.match(modelTooltip(command), /LEGACY\*\*, end of life 2025-10-01/);
    assert.match(modelTooltip(model('x', 'Evil', { name: '[click](http://x)' })), /\\\[click\\\]\\\(http:\/\/x\\\)/);
  });

  it('finds a profile\'s models across regions by model id', () => {
    assert.deepEqual(profileModels(usProfile, catalog.models).map((m) => m.id), [sonnet.id]);
    assert.match(profileTooltip(usProfile, [sonnet]), /system-defined inference profile/);
  });
});
