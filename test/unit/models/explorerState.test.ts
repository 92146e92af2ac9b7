import * as assert from 'node:assert/strict';
import type { BedrockErrorInfo } from '../../../src/bedrock/types';
import { stateForError, stateMessage } from '../../../src/models/explorerState';

const info = (kind: BedrockErrorInfo['kind'], message = 'm'): BedrockErrorInfo => ({ kind, message, detail: 'd', retryable: false });

describe('the model explorer state after a failed load', () => {
  it('asks for credentials, or for a sign-in', () => {
    assert.equal(stateForError(info('credentials'), { region: 'us-east-1' }), 'noCredentials');
    assert.equal(stateForError(info('ssoExpired'), { region: 'us-east-1', profile: 'dev' }), 'ssoExpired');
  });
  it('says a region without Bedrock has none, but only on the public endpoints', () => {
    assert.equal(stateForError(info('network'), { region: 'af-south-1' }), 'noBedrock');
    assert.equal(stateForError(info('network'), { region: 'us-east-1' }), 'error', 'a Bedrock region that cannot be reached is a network problem');
    assert.equal(stateForError(info('network'), { region: 'af-south-1', endpoint: 'https://vpce.example' }), 'error');
  });
  it('keeps every other failure as an error with its message', () => {
    assert.equal(stateForError(info('server'), { region: 'us-east-1' }), 'error');
    assert.equal(stateMessage('error', { region: 'us-east-1' }, info('server', 'Bedrock failed on its side.')), 'Bedrock failed on its side.');
    assert.equal(stateMessage('empty', { region: 'us-east-1', endpoint: 'http://127.0.0.1:1', local: true }), 'No foundation models are listed in the local endpoint.');
    assert.equal(stateMessage('ready', { region: 'us-east-1' }), undefined);
  });
});
