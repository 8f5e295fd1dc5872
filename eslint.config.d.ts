/** Types for what the tests read from eslint.config.js: the one list of src/core's stages, in pipeline order. */
export declare const STAGES: readonly string[];
declare const config: unknown;
export default config;
