// CloudWatch's own refusals in plain words, with their fix. A missing permission is the one a
// Bedrock user meets first: CloudWatch answers 403 `AccessDenied` (its query-era code, kept by the
// JSON protocol through x-amzn-query-error) "User: … is not authorized to perform:
// cloudwatch:ListMetrics" (texts as quoted in grafana/grafana#9076 and aws-samples/eks-workshop-v2#968).
// Anything else is described as every Bedrock error is (errors.ts).

import { iamPoliciesUrl } from '../errors';
import type { BedrockErrorInfo } from '../types';

export const USAGE_ACTIONS = ['cloudwatch:GetMetricData', 'cloudwatch:ListMetrics'] as const;

export function describeUsageError(err: unknown, region: string, fallback: (err: unknown) => BedrockErrorInfo): BedrockErrorInfo {
  const e = err as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number } } | undefined;
  const name = typeof e?.name === 'string' ? e.name : '';
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const denied = /not authorized to perform:? (cloudwatch:[\w-]+)/i.exec(message)?.[1];
  if (denied || ((name === 'AccessDenied' || name === 'AccessDeniedException') && /cloudwatch/i.test(message))) {
    return {
      kind: 'accessDenied',
      message: `Your AWS identity may not read CloudWatch metrics in ${region}${denied ? ` (${denied})` : ''}. Allow ${USAGE_ACTIONS.join(' and ')} in its IAM policy.`,
      detail: message,
      retryable: false,
      action: { kind: 'openUrl', label: 'Open IAM policies', url: iamPoliciesUrl(region) },
    };
  }
  return fallback(err);
}
