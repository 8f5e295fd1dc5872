/**
 * The Google adapters a Cloud Logging or Log Analytics read needs, in one module: the pipeline
 * loads them with one dynamic import, so the bundle keeps Google's client code in one chunk that a
 * logs-file run never compiles.
 */
export { createGoogleAuth } from './gcp-auth.js';
export { CloudLoggingSource, loggingRateWindow } from './gcp-logging.js';
export { LogAnalyticsSource } from './log-analytics.js';
