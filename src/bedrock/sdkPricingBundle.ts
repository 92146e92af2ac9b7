// Entry of dist/awsPricingSdk.js: the AWS Price List client, in a bundle of its own so that a chat
// parses it only when it first needs a price (costs), never at activation or for a plain answer.
export * as pricing from '@aws-sdk/client-pricing';
