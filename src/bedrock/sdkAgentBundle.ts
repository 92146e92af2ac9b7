// Entry of dist/awsAgentSdk.js: the knowledge-base clients, in a bundle of their own so that a
// plain chat never parses them (about 190 KB more of minified code); loaded on first knowledge-base use.
export * as agent from '@aws-sdk/client-bedrock-agent';
export * as agentRuntime from '@aws-sdk/client-bedrock-agent-runtime';
