import type { BedrockService } from '../../bedrock/service';
import { textTokens } from '../../lm/tokenEstimate';
import type { CountTokensParams, CountTokensResult } from '../../protocol/chat';

// The count under the composer: Bedrock's CountTokens for the draft (system prompt + message) where the
// model has it (exact; the service keeps counts per text), else the estimate of lm/tokenEstimate.ts,
// which the webview labels as one. A failed CountTokens call falls back to the estimate too.

export async function countDraftTokens(service: BedrockService, p: CountTokensParams, warn: (line: string) => void): Promise<CountTokensResult> {
  const estimate = (): CountTokensResult => ({
    tokens: textTokens(p.system, service.connection.local ? 'local' : 'aws') + textTokens(p.text, service.connection.local ? 'local' : 'aws'),
    exact: false,
  });
  if (!p.text.trim() || !p.modelId) return estimate();
  try {
    const model = await service.findModel(p.modelId);
    if (!model) return estimate();
    const exact = await service.countTokens(model, { system: p.system, messages: [{ role: 'user', text: p.text }] });
    return exact === undefined ? estimate() : { tokens: exact, exact: true };
  } catch (err) {
    warn(`CountTokens failed (${service.describeError(err, { modelId: p.modelId }).message}); showing the estimate.`);
    return estimate();
  }
}
