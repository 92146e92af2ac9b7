// The one place the AWS SDK is loaded. Every other module imports SDK types only, so the SDK's
// code is evaluated on the first Bedrock call, never at extension activation. Keeping the loads
// here also means moving the SDK into a bundle of its own touches this file alone.

export const loadRuntimeSdk = () => import('@aws-sdk/client-bedrock-runtime');
export const loadControlSdk = () => import('@aws-sdk/client-bedrock');
export const loadAgentSdk = () => import('@aws-sdk/client-bedrock-agent');
export const loadAgentRuntimeSdk = () => import('@aws-sdk/client-bedrock-agent-runtime');
export const loadPricingSdk = () => import('@aws-sdk/client-pricing');
export const loadCredentialProviders = () => import('@aws-sdk/credential-providers');
export const loadRetrySdk = () => import('@smithy/util-retry');
export const loadHttpHandlerSdk = () => import('@smithy/node-http-handler');
export const loadProxyAgent = () => import('https-proxy-agent');
export const loadSharedIniLoader = () => import('@smithy/shared-ini-file-loader');
export const loadCloudWatchSdk = () => import('@aws-sdk/client-cloudwatch');
