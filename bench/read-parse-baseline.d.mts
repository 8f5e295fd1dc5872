/**
 * Reads an NDJSON file and parses every line; resolves with the number of entries. `stream` reads
 * with fs.createReadStream (the baseline), `chunks` with positioned reads as the action does.
 */
export function readParseBaseline(file: string, reader?: 'stream' | 'chunks'): Promise<number>;
