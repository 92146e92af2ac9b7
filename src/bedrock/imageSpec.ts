import type { ImageModelSpec, ModelRecord } from './types';
import { imageModelSpec } from './families/imageModels';
import { UnsupportedRequestError } from './layerErrors';

/** The controls of an image model, or a plain-words refusal for a model this extension cannot drive. */
export function imageSpecFor(model: Pick<ModelRecord, 'id' | 'name'>): ImageModelSpec {
  const spec = imageModelSpec(model);
  if (spec) return spec;
  throw new UnsupportedRequestError(`${model.name || model.id} is not an image generation model this extension can drive (Titan Image Generator, Nova Canvas, Stability AI).`, 'model');
}
