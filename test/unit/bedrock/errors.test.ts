import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalBedrock } from '../../localBedrock/server';
import { describeError, modelAccessUrl, parameterFromMessage, serviceQuotasUrl } from '../../../src/bedrock/errors';
import { BedrockService } from '../../../src/bedrock/service';
import type { BedrockErrorInfo, ChatRequest } from '../../../src/bedrock/types';
import { inAwsSandbox } from './env';
import { collect, localService, localSettings, model, useLocalBedrock } from './localEndpoint';

async function chatError(service: BedrockService, request: ChatRequest): Promise<{ error: unknown; info: BedrockErrorInfo; retries: number }> {
  const { events, error } = await collect(service.chat(request));
  assert.ok(error, 'the chat failed');
  return { error, info: service.describeError(error, { modelId: request.model.id }), retries: events.filter((e) => e.type === 'retry').length };
}

describe('bedrock/errors', () => {
  describe('describeError (pure)', () => {
    const ctx = { region: 'us-east-1' };
    it('builds console links for the region, GovCloud included', () => {
      assert.equal(modelAccessUrl('eu-west-3'), 'https://eu-west-3.console.aws.amazon.com/bedrock/home?region=eu-west-3#/modelaccess');
      assert.equal(modelAccessUrl('us-gov-west-1'), 'https://console.amazonaws-us-gov.com/bedrock/home?region=us-gov-west-1#/modelaccess');
      assert.equal(serviceQuotasUrl('ap-south-1'), 'https://ap-south-1.console.aws.amazon.com/servicequotas/home/services/bedrock/quotas?region=ap-south-1');
    });

    it('names the parameter from each of Bedrock\'s phrasings', () => {
      assert.equal(parameterFromMessage("1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint"), 'temperature');
      assert.equal(parameterFromMessage('Malformed input request: #/top_k: 900 is not less or equal to 500'), 'topK');
      assert.equal(parameterFromMessage('`temperature` and `top_p` cannot both be specified for this model.'), 'temperature');
      assert.equal(parameterFromMessage('The maximum tokens you requested exceeds the model limit of 4096.'), 'maxTokens');
      assert.equal(parameterFromMessage('Something else entirely'), undefined);
    });

    it('an AccessDenied with no model (a list call) names both causes, not "The model"', () => {
      const err = Object.assign(new Error("You don't have access to the model with the specified model ID."), { name: 'AccessDeniedException' });
      assert.equal(describeError(err, ctx).message, 'Bedrock denied access: model access is not granted, or the IAM policy does not allow the call, in us-east-1.');
    });

    it('classifies network failures by code, also inside an AggregateError', () => {
      const inner = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      const info = describeError(new AggregateError([inner], ''), { ...ctx, endpoint: 'http://127.0.0.1:9' });
      assert.equal(info.kind, 'network');
      assert.equal(info.message, 'Cannot reach http://127.0.0.1:9.');
      assert.deepEqual(info.action, { kind: 'configure', label: 'Check the endpoint', setting: 'bedrock.endpoint' });
    });

    it('does not sort errors by loose words when there is a code', () => {
      const err = Object.assign(new Error('Access denied… just kidding, throttled'), { name: 'ThrottlingException', $metadata: { attempts: 4 } });
      const info = describeError(err, ctx);
      assert.equal(info.kind, 'throttled');
      assert.equal(info.message, 'Bedrock throttled the request after 4 attempts.');
    });

    it('tells an IAM denial from model access not granted', () => {
      const iam = Object.assign(new Error('User: arn:aws:iam::111122223333:user/dev is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model/x'), { name: 'AccessDeniedException' });
      const a = describeError(iam, ctx);
      assert.equal(a.message, 'Your AWS identity may not call bedrock:InvokeModelWithResponseStream in us-east-1: its IAM policy does not allow it.');
      assert.equal(a.action?.kind === 'openUrl' ? a.action.url : '', 'https://console.aws.amazon.com/iam/home#/policies');
      const access = describeError(Object.assign(new Error("You don't have access to the model with the specified model ID."), { name: 'AccessDeniedException' }), ctx);
      assert.equal(access.action?.kind === 'openUrl' ? access.action.url : '', modelAccessUrl('us-east-1'));
    });

    it('says something useful about anything else', () => {
      const info = describeError('plain string', ctx);
      assert.equal(info.kind, 'unknown');
      assert.equal(info.message, 'plain string');
    });
  });

  describe('real errors from the SDK (local endpoint)', () => {
    const local = useLocalBedrock();
    const hi = (m: ChatRequest['model'], extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: m, messages: [{ role: 'user', text: 'hi' }], settings: {}, ...extra });

    it('AccessDenied → the model-access page of the region', async () => {
      const service = localService(local.lb, { region: 'eu-west-1' });
      try {
        await local.control.fault({ operation: 'ConverseStream', fault: 'accessDenied' });
        const { info } = await chatError(service, hi(await model(service, 'amazon.nova-lite-v1:0')));
        assert.equal(info.kind, 'accessDenied');
        assert.equal(info.message, 'Access to amazon.nova-lite-v1:0 is not granted in eu-west-1.');
        assert.deepEqual(info.action, { kind: 'openUrl', label: 'Open model access', url: 'https://eu-west-1.console.aws.amazon.com/bedrock/home?region=eu-west-1#/modelaccess' });
      } finally {
        service.dispose();
      }
    });

    it('on-demand not supported → the profile to use instead', async () => {
      for (const [region, prefix] of [['us-east-1', 'us.'], ['eu-west-1', 'eu.']] as const) {
        const service = localService(local.lb, { region });
        try {
          const m = await model(service, 'anthropic.claude-3-7-sonnet-20250219-v1:0');
          const { info } = await chatError(service, hi(m, { invocationId: m.id }));
          assert.equal(info.kind, 'onDemandNotSupported');
          assert.deepEqual(info.action, { kind: 'useProfile', label: `Use ${prefix}${m.id}`, invocationId: `${prefix}${m.id}` });
        } finally {
          service.dispose();
        }
      }
    });

    it('an invalid model identifier → not available in the region', async () => {
      const service = localService(local.lb, { region: 'ap-south-1' });
      try {
        const m = await model(service, 'amazon.nova-lite-v1:0');
        const { info } = await chatError(service, hi({ ...m, id: 'amazon.nova-ultra-v9:0' }, { invocationId: 'amazon.nova-ultra-v9:0' }));
        assert.equal(info.kind, 'notFound');
        assert.equal(info.message, 'amazon.nova-ultra-v9:0 is not available in ap-south-1.');
        let details: unknown;
        try {
          await service.modelDetails('amazon.nova-ultra-v9:0');
        } catch (err) {
          details = err;
        }
        assert.equal((details as Error).name, 'ResourceNotFoundException');
        assert.equal(service.describeError(details).kind, 'notFound');
      } finally {
        service.dispose();
      }
    });

    it('Validation → names the parameter Bedrock refused, when the refusal is not one the request corrects itself for', async () => {
      const service = localService(local.lb);
      try {
        // Refusals the registry's ranges normally prevent, played by the endpoint's validation fault.
        const haiku = await model(service, 'anthropic.claude-3-haiku-20240307-v1:0');
        await local.control.fault({ operation: 'ConverseStream', fault: 'validation', message: 'Malformed input request: #/top_k: 900 is not less or equal to 500, please reformat your input and try again.' });
        const topK = await chatError(service, hi(haiku));
        assert.equal(topK.info.kind, 'validation');
        assert.equal(topK.info.parameter, 'topK');
        assert.match(topK.info.message, /^Bedrock rejected topK: /);
        await local.control.fault({ operation: 'ConverseStream', fault: 'validation', message: "1 validation error detected: Value '0.5' at 'inferenceConfig.temperature' failed to satisfy constraint" });
        const temperature = await chatError(service, hi(haiku, { settings: { temperature: 0.5 } }));
        assert.equal(temperature.info.parameter, 'temperature');
        assert.equal((await local.control.runtimeRequests()).length, 2, 'neither was sent again');
      } finally {
        service.dispose();
      }
    });

    it('Throttling past the retries → "throttled after N attempts" and the quotas page', async () => {
      const service = localService(local.lb, { maxAttempts: 2 });
      try {
        await local.control.fault({ operation: 'ConverseStream', fault: 'throttle', times: 5 });
        const { info, retries } = await chatError(service, hi(await model(service, 'amazon.nova-lite-v1:0')));
        assert.equal(retries, 1);
        assert.equal(info.kind, 'throttled');
        assert.equal(info.message, 'Bedrock throttled the request after 2 attempts.');
        assert.equal(info.action?.kind === 'openUrl' ? info.action.url : '', serviceQuotasUrl('us-east-1'));
        assert.equal((await local.control.runtimeRequests()).length, 2);
      } finally {
        service.dispose();
      }
    });

    it('server errors and unavailability → retried, then a retryable server error', async () => {
      const service = localService(local.lb, { maxAttempts: 2 });
      try {
        for (const fault of ['serverError', 'serviceUnavailable'] as const) {
          await local.control.reset();
          await local.control.fault({ operation: 'Converse', fault, times: 5 });
          const { info, retries } = await chatError(service, hi(await model(service, 'amazon.nova-lite-v1:0'), { stream: false }));
          assert.equal(info.kind, 'server', fault);
          assert.equal(info.retryable, true);
          assert.equal(retries, 1, fault);
        }
      } finally {
        service.dispose();
      }
    });

    it('ExpiredToken → sign in again with the profile, or choose one', async () => {
      const withProfile = localService(local.lb, { profile: 'dev-sso' });
      const without = localService(local.lb);
      try {
        await local.control.fault({ operation: 'ConverseStream', fault: 'expiredToken', times: 2 });
        const a = await chatError(withProfile, hi(await model(withProfile, 'amazon.nova-lite-v1:0')));
        assert.equal(a.info.kind, 'ssoExpired');
        assert.deepEqual(a.info.action, { kind: 'ssoLogin', label: 'Sign in (aws sso login --profile dev-sso)', profile: 'dev-sso' });
        const b = await chatError(without, hi(await model(without, 'amazon.nova-lite-v1:0')));
        assert.equal(b.info.kind, 'credentials');
        assert.equal(b.info.action?.kind, 'configure');
      } finally {
        withProfile.dispose();
        without.dispose();
      }
    });

    it('a stalled stream → timed out, pointing at the timeout setting', async () => {
      const service = localService(local.lb, { maxAttempts: 1, requestTimeoutMs: 300 });
      try {
        for (const stream of [true, false]) {
          await local.control.fault({ operation: stream ? 'ConverseStream' : 'Converse', fault: 'delayFirstEvent', delayMs: 1500 });
          const { info } = await chatError(service, hi(await model(service, 'amazon.nova-lite-v1:0'), { stream }));
          assert.equal(info.kind, 'timeout', `stream=${stream}: ${info.detail}`);
          assert.deepEqual(info.action, { kind: 'configure', label: 'Raise the timeout', setting: 'bedrock.requestTimeoutSeconds' });
        }
      } finally {
        service.dispose();
      }
    });

    it('a closed port → endpoint unreachable', async () => {
      const gone = await startLocalBedrock();
      await gone.close();
      const service = new BedrockService(() => localSettings(gone, { maxAttempts: 1 }));
      try {
        let error: unknown;
        try {
          await service.catalog();
        } catch (err) {
          error = err;
        }
        const info = service.describeError(error);
        assert.equal(info.kind, 'network', String(error));
        assert.equal(info.message, `Cannot reach ${gone.endpoint}.`);
      } finally {
        service.dispose();
      }
    });

    it('no credentials anywhere → choose a profile', async () => {
      await inAwsSandbox({}, {}, async () => {
        const service = new BedrockService(() => ({ ...localSettings(local.lb), local: false }));
        try {
          let error: unknown;
          try {
            await service.catalog();
          } catch (err) {
            error = err;
          }
          assert.equal((error as Error).name, 'CredentialsProviderError', String(error));
          const info = service.describeError(error);
          assert.equal(info.kind, 'credentials');
          assert.deepEqual(info.action, { kind: 'configure', label: 'Choose an AWS profile', setting: 'bedrock.profile' });
        } finally {
          service.dispose();
        }
      });
    });

    it('an SSO profile whose cached token has expired → aws sso login --profile', async () => {
      const config = [
        '[profile corp-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Developer', 'region = us-east-1', '',
        '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', '',
      ].join('\n');
      await inAwsSandbox({ config }, {}, async (sandbox) => {
        // Where the AWS CLI leaves the token of session "corp" after `aws sso login`.
        const cache = join(sandbox.dir, '.aws', 'sso', 'cache');
        mkdirSync(cache, { recursive: true });
        const token = { accessToken: 'expired', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://corp.awsapps.com/start' };
        writeFileSync(join(cache, `${createHash('sha1').update('corp').digest('hex')}.json`), JSON.stringify(token));
        const service = new BedrockService(() => ({ ...localSettings(local.lb), local: false, profile: 'corp-dev' }));
        try {
          const error = await service.catalog().then(() => undefined, (e: unknown) => e);
          // The SDK tries to refresh an expired token first, and says so.
          assert.match((error as Error).message, /SSO Token.*Cannot refresh/);
          const info = service.describeError(error);
          assert.equal(info.kind, 'ssoExpired', `${(error as Error).name}: ${(error as Error).message}`);
          assert.equal(info.action?.kind === 'ssoLogin' ? info.action.profile : undefined, 'corp-dev');
        } finally {
          service.dispose();
        }
      });
    });

    it('an SSO profile that was never signed in → aws sso login --profile', async () => {
      const config = [
        '[profile corp-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Developer', 'region = us-east-1', '',
        '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access', '',
      ].join('\n');
      await inAwsSandbox({ config }, {}, async () => {
        const service = new BedrockService(() => ({ ...localSettings(local.lb), local: false, profile: 'corp-dev' }));
        try {
          let error: unknown;
          try {
            await service.catalog();
          } catch (err) {
            error = err;
          }
          const info = service.describeError(error);
          assert.equal(info.kind, 'ssoExpired', `${(error as Error).name}: ${(error as Error).message}`);
          assert.deepEqual(info.action, { kind: 'ssoLogin', label: 'Sign in (aws sso login --profile corp-dev)', profile: 'corp-dev' });
          assert.deepEqual(await local.control.requests(), [], 'nothing was sent unsigned');
        } finally {
          service.dispose();
        }
      });
    });
  });
});
