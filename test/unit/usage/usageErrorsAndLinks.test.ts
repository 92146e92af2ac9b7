import * as assert from 'node:assert/strict';
import { cloudWatchConsoleUrl, MAX_CONSOLE_MODELS } from '../../../src/bedrock/usage/consoleUrl';
import { describeUsageError } from '../../../src/bedrock/usage/usageErrors';
import type { BedrockErrorInfo } from '../../../src/bedrock/types';
import { checkLink } from '../../../src/protocol/links';

const fallback = (): BedrockErrorInfo => ({ kind: 'unknown', message: 'fallback', detail: '', retryable: false });

describe('usage: the CloudWatch console link and the permission error', () => {
  it('links the same metrics in the CloudWatch console of the Region, in its own notation', () => {
    const url = cloudWatchConsoleUrl('eu-west-1', 'week', 3600, ['anthropic.claude-3-haiku-20240307-v1:0', 'us.amazon.nova-lite-v1:0'])!;
    assert.ok(url.startsWith('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#metricsV2?graph=~(metrics~(~(~'), url);
    // `/` and `:` escaped with `*` in place of `%`, as the console writes them.
    assert.ok(url.includes("~'AWS*2fBedrock~'Invocations~'ModelId~'anthropic.claude-3-haiku-20240307-v1*3a0)"), url);
    assert.ok(url.includes("~region~'eu-west-1~stat~'Sum~period~3600~start~'-PT168H~end~'P0D)"), url);
    assert.equal(checkLink(url).ok, true, 'the link consent handler accepts it');
    assert.ok(!/[ "<>%]/.test(url.split('#')[1]!), 'nothing in the fragment needs escaping again');
    const many = cloudWatchConsoleUrl('us-east-1', 'day', 300, Array.from({ length: 80 }, (_, i) => `m${i}`))!;
    assert.equal(many.split("~'ModelId~'").length - 1, MAX_CONSOLE_MODELS);
    assert.equal(cloudWatchConsoleUrl('evil.example.com/x', 'day', 300, []), undefined);
  });

  it('says which CloudWatch permission is missing and opens the IAM policies of the Region', () => {
    const err = Object.assign(new Error('User: arn:aws:sts::123456789012:assumed-role/dev/me is not authorized to perform: cloudwatch:GetMetricData because no identity-based policy allows the cloudwatch:GetMetricData action'), { name: 'AccessDenied' });
    const info = describeUsageError(err, 'us-west-2', fallback);
    assert.equal(info.kind, 'accessDenied');
    assert.match(info.message, /may not read CloudWatch metrics in us-west-2 \(cloudwatch:GetMetricData\)\. Allow cloudwatch:GetMetricData and cloudwatch:ListMetrics/);
    assert.equal(info.action?.kind, 'openUrl');
    assert.match((info.action as { url: string }).url, /console\.aws\.amazon\.com\/iam/);
    assert.equal(describeUsageError(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }), 'us-west-2', fallback).message, 'fallback');
  });
});
