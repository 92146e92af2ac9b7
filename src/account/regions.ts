// The AWS Regions where Amazon Bedrock runs, for "Bedrock: Select Region". Plain data: the
// picker also accepts any other region name, so a Region launched after this list still works.

export interface BedrockRegion {
  code: string;
  name: string;
}

export const BEDROCK_REGIONS: readonly BedrockRegion[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)' },
  { code: 'us-east-2', name: 'US East (Ohio)' },
  { code: 'us-west-1', name: 'US West (N. California)' },
  { code: 'us-west-2', name: 'US West (Oregon)' },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)' },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)' },
  { code: 'ca-central-1', name: 'Canada (Central)' },
  { code: 'sa-east-1', name: 'South America (São Paulo)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { code: 'eu-central-2', name: 'Europe (Zurich)' },
  { code: 'eu-west-1', name: 'Europe (Ireland)' },
  { code: 'eu-west-2', name: 'Europe (London)' },
  { code: 'eu-west-3', name: 'Europe (Paris)' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)' },
  { code: 'eu-south-1', name: 'Europe (Milan)' },
  { code: 'eu-south-2', name: 'Europe (Spain)' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
  { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
  { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
  { code: 'me-central-1', name: 'Middle East (UAE)' },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)' },
];

/** AWS region names look like `eu-west-1`, `us-gov-west-1`, `ap-southeast-4` (the Bedrock layer checks them). */
export { isValidRegionName } from '../bedrock/region';

export function isBedrockRegion(code: string): boolean {
  return BEDROCK_REGIONS.some((r) => r.code === code);
}

export function regionName(code: string): string | undefined {
  return BEDROCK_REGIONS.find((r) => r.code === code)?.name;
}
