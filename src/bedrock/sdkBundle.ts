// Entry of dist/awsSdk.js: the AWS SDK modules the Bedrock layer loads, built as a bundle of
// their own so that parsing them (about 1.7 MB) happens on the first Bedrock call, not at
// activation. esbuild.mjs routes sdk.ts's imports here; tests import the packages directly.
export * as runtime from '@aws-sdk/client-bedrock-runtime';
export * as control from '@aws-sdk/client-bedrock';
export * as credentialProviders from '@aws-sdk/credential-providers';
export * as retry from '@smithy/util-retry';
export * as httpHandler from '@smithy/node-http-handler';
export * as proxyAgent from 'https-proxy-agent';
export * as sharedIni from '@smithy/shared-ini-file-loader';
