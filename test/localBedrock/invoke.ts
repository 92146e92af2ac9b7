// InvokeModel / InvokeModelWithResponseStream (filled in per family next).
import { validation } from './errors';
import type { OperationContext } from './operation';

export async function invokeModel(ctx: OperationContext): Promise<void> {
  ctx.model();
  throw validation('InvokeModel is not available on the local endpoint yet.');
}

export async function invokeModelWithResponseStream(ctx: OperationContext): Promise<void> {
  ctx.model();
  throw validation('InvokeModelWithResponseStream is not available on the local endpoint yet.');
}
