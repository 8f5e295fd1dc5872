/** Reads an NDJSON file and parses every line; resolves with the number of entries. */
export function readParseBaseline(file: string): Promise<number>;
