// The usage half of the Bedrock facade: BedrockService.usage. Keeps its CloudWatch client per
// connection (created on first use, so the SDK loads then) and times each read.
import { silentLogger, type Logger } from '../logger';
import type { ConnectionSettings } from '../types';
import { CloudWatchClientCache, fetchUsage } from './cloudWatch';
import type { UsageRange } from './usageQuery';
import type { UsageReport } from './usageReport';

export class UsageService {
  private readonly clients = new CloudWatchClientCache();

  constructor(private readonly settings: () => ConnectionSettings, private readonly logger: Logger = silentLogger) {}

  /** The metrics of every model over the range, read now. */
  async read(range: UsageRange, signal?: AbortSignal): Promise<UsageReport> {
    const s = this.settings();
    const started = Date.now();
    const report = await fetchUsage(await this.clients.get(s), range, s.region, Date.now(), signal);
    this.logger.info(`Usage: ${report.models.length} models over the last ${range} in ${Date.now() - started} ms (${report.calls.listMetrics} ListMetrics, ${report.calls.getMetricData} GetMetricData)`);
    return report;
  }

  dispose(): void {
    this.clients.retire();
  }
}
