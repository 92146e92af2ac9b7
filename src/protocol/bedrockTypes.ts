// The Bedrock layer's plain-data shapes that cross to the webview (errors, the request record,
// parameter and image specs), named here so the webview imports the protocol and nothing else.
export type {
  ApiRequestRecord, BedrockErrorInfo, ErrorAction, ImageModelSpec, NumericParameterSpec, ParameterAdjustment, ParameterName, ParameterSpec,
} from '../bedrock/types';
