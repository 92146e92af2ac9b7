// The sidecar JSON saved next to each image: everything needed to generate the same picture
// again (model, prompt, parameters, seed) and the exact request body that was sent.
// Plain Node (no `vscode`).

import type { ApiRequestRecord, GeneratedImage, ImageRequest } from '../bedrock/types';
import { sentImageValues } from '../bedrock/images';

export const SIDECAR_GENERATOR = 'Bedrock Playground for VS Code';

/** The image parameters as the user set them (the model's own body is in `request`). */
export interface ImageParameters {
  width?: number;
  height?: number;
  aspectRatio?: string;
  count?: number;
  cfgScale?: number;
  steps?: number;
  quality?: string;
  style?: string;
}

export interface ImageSidecar {
  generator: typeof SIDECAR_GENERATOR;
  /** Bumped if the shape changes incompatibly. */
  version: 1;
  /** ISO time of the generation. */
  createdAt: string;
  model: { id: string; name: string; provider: string; invocationId?: string };
  prompt: string;
  negativePrompt?: string;
  /** The seed of this image: with the same model, prompt and parameters it regenerates it. */
  seed: number;
  /** Whether the seed was chosen by the user or at random. */
  seedWasRandom: boolean;
  parameters: ImageParameters;
  image: { file: string; mimeType: GeneratedImage['mimeType']; bytes: number; index: number; of: number };
  /** The request as sent to Bedrock (operation, id called, body). */
  request?: ApiRequestRecord;
}

/** The parameters a request was made with (the model's defaults for those left unset), without undefined fields. */
export function parametersOf(asked: ImageRequest): ImageParameters {
  let request: Omit<ImageParameters, never> = asked;
  try {
    request = sentImageValues(asked);
  } catch {
    // A model without an image spec cannot have generated anything; keep what was asked.
  }
  const p: ImageParameters = {
    width: request.width,
    height: request.height,
    aspectRatio: request.aspectRatio,
    count: request.count,
    cfgScale: request.cfgScale,
    steps: request.steps,
    quality: request.quality,
    style: request.style,
  };
  for (const key of Object.keys(p) as Array<keyof ImageParameters>) if (p[key] === undefined) delete p[key];
  return p;
}

export interface SidecarInput {
  request: ImageRequest;
  image: GeneratedImage;
  index: number;
  of: number;
  createdAt: Date;
  apiRequest?: ApiRequestRecord;
}

export function buildSidecar(input: SidecarInput, fileName: string): ImageSidecar {
  const { request, image } = input;
  const sidecar: ImageSidecar = {
    generator: SIDECAR_GENERATOR,
    version: 1,
    createdAt: input.createdAt.toISOString(),
    model: {
      id: request.model.id,
      name: request.model.name,
      provider: request.model.provider,
      invocationId: input.apiRequest?.modelId,
    },
    prompt: request.prompt,
    negativePrompt: request.negativePrompt || undefined,
    seed: image.seed,
    seedWasRandom: request.seed === undefined,
    parameters: parametersOf(request),
    image: { file: fileName, mimeType: image.mimeType, bytes: image.bytes.byteLength, index: input.index, of: input.of },
    request: input.apiRequest,
  };
  if (sidecar.model.invocationId === undefined) delete sidecar.model.invocationId;
  if (sidecar.negativePrompt === undefined) delete sidecar.negativePrompt;
  if (sidecar.request === undefined) delete sidecar.request;
  return sidecar;
}
