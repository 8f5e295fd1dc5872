/**
 * `analytics-dataset` and `analytics-max-bytes`: the Log Analytics mode's inputs (issue 15).
 * The dataset is the BigQuery dataset linked to the log bucket (`gcloud logging links create`);
 * the cap is BigQuery's `maximumBytesBilled`: a query that would scan more fails unbilled.
 */

export interface AnalyticsSettings {
  /** `PROJECT.DATASET`, '' = read Cloud Logging with entries.list. */
  dataset: string;
  maxBytes: number;
}

const UNITS: Record<string, number> = { '': 1, B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
/** A BigQuery project id (domain-scoped ones included) and a dataset id. */
const DATASET =
  /^([a-z][a-z0-9-]{4,28}[a-z0-9]|[a-z][a-z0-9.-]{2,}:[a-z][a-z0-9-]{4,28}[a-z0-9])\.([A-Za-z0-9_]{1,1024})$/;

export function parseAnalytics(
  dataset: string,
  maxBytes: string,
  logsFile: string,
  problems: string[],
): AnalyticsSettings {
  if (dataset && !DATASET.test(dataset))
    problems.push(
      `analytics-dataset: '${dataset}' is not PROJECT.DATASET; use the dataset linked to the log bucket, e.g. shop-production.logs_analytics (gcloud logging links list --bucket=BUCKET --location=LOCATION)`,
    );
  if (dataset && logsFile)
    problems.push(
      'analytics-dataset: reads Log Analytics through BigQuery and cannot apply to a logs-file; drop one of them',
    );
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?B?)\s*$/i.exec(maxBytes);
  const bytes = match ? Math.round(Number(match[1]) * (UNITS[match[2]!.toUpperCase()] ?? NaN)) : NaN;
  if (!Number.isFinite(bytes) || bytes < 10_000_000) {
    problems.push(
      `analytics-max-bytes: '${maxBytes}' is not a size of at least 10MB (BigQuery bills at least 10 MB a query); use e.g. 10GB or 500MB`,
    );
  }
  return { dataset, maxBytes: Number.isFinite(bytes) ? bytes : 10e9 };
}
