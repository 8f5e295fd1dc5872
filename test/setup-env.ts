// No library may probe the GCE metadata server from a test (DESIGN §8).
process.env.METADATA_SERVER_DETECTION = 'none';
