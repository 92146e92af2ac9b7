// Entry of dist/awsCloudWatchSdk.js: the CloudWatch client of the Usage view, in a bundle of its
// own so that neither activation nor a chat parses it; loaded when the Usage view first reads metrics.
export * as cloudWatch from '@aws-sdk/client-cloudwatch';
