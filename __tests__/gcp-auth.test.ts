import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { getIDToken } from '@actions/core';
import { createGoogleAuth } from '../src/adapters/gcp-auth.js';
import { explainAuthError, GoogleSetupError } from '../src/adapters/gcp-errors.js';
import { CloudLoggingSource } from '../src/adapters/gcp-logging.js';
import type { Config } from '../src/config/config-types.js';
import { GoogleFake, googleTestConfig, makeEntries, type GoogleFakeOptions } from '../test/fakes/google-servers.js';

const PROVIDER = 'projects/123456/locations/global/workloadIdentityPools/github/providers/octo';
const SA = 'reader@demo-project.iam.gserviceaccount.com';
let fake: GoogleFake;
const saved = { ...process.env };

async function startFake(options: GoogleFakeOptions = {}): Promise<GoogleFake> {
  fake = await new GoogleFake({
    provider: PROVIDER,
    serviceAccount: SA,
    projectId: 'demo-project',
    ...options,
  }).start();
  const now = Date.now();
  fake.setEntries(makeEntries(1500, now - 3000_000, now - 1000));
  process.env.ACTIONS_ID_TOKEN_REQUEST_URL = fake.oidcUrl;
  process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = 'request-token';
  return fake;
}

/** Reads the window through the auth client; returns the entries read. */
async function readAll(config: Config, masked: string[] = []): Promise<unknown[]> {
  const auth = await createGoogleAuth(config, { getIdToken: (aud) => getIDToken(aud), mask: (s) => masked.push(s) });
  const source = new CloudLoggingSource(config, auth, {
    now: () => Date.now(),
    sleep: async () => {},
    random: () => 0.5,
    log: () => {},
  });
  const out: unknown[] = [];
  for await (const entry of source.read()) out.push(entry);
  return out;
}

beforeEach(() => {
  process.env = { ...saved };
});
afterEach(async () => {
  process.env = { ...saved };
  await fake?.stop();
});

describe('Workload Identity Federation', () => {
  it('exchanges OIDC → STS → IAM and reads logs with the impersonated token', async () => {
    await startFake();
    const masked: string[] = [];
    const entries = await readAll(googleTestConfig(fake), masked);

    expect(entries).toHaveLength(1500);
    const [oidc] = fake.requestsTo('oidc');
    expect(oidc?.query.get('audience')).toBe(`https://iam.googleapis.com/${PROVIDER}`);
    const [sts] = fake.requestsTo('sts');
    expect(sts?.body).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      audience: `//iam.googleapis.com/${PROVIDER}`,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
    const [iam] = fake.requestsTo('iam');
    expect(iam?.path).toBe(`/v1/projects/-/serviceAccounts/${SA}:generateAccessToken`);
    expect(iam?.body).toMatchObject({ scope: ['https://www.googleapis.com/auth/logging.read'] });
    const logging = fake.requestsTo('logging');
    expect(logging).toHaveLength(2);
    const tokens = logging.map((r) => String(r.headers.authorization).replace('Bearer ', ''));
    expect(tokens.every((t) => fake.isServiceAccountToken(t))).toBe(true);
    // One token chain for the whole read; the OIDC JWT and the access token were masked.
    expect(fake.requestsTo('sts')).toHaveLength(1);
    expect(masked).toEqual(expect.arrayContaining([tokens[0], sts?.body.subject_token]));
  });

  it('uses the federated token directly without a service account', async () => {
    await startFake({ serviceAccount: '' });
    const entries = await readAll(googleTestConfig(fake, { serviceAccount: '' }));
    expect(entries).toHaveLength(1500);
    expect(fake.requestsTo('iam')).toHaveLength(0);
    expect(String(fake.requestsTo('logging')[0]?.headers.authorization)).toMatch(/^Bearer sts-token-/);
  });
});

describe('auth errors, with the fix in the message', () => {
  it.each<[string, GoogleFakeOptions, Partial<Config>, (() => void) | null, RegExp]>([
    [
      'missing id-token: write',
      {},
      {},
      () => delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL,
      /permissions: id-token: write[\s\S]*forks never get an OIDC token/,
    ],
    [
      'attribute condition',
      { stsRejection: 'The given credential is rejected by the attribute condition.' },
      {},
      null,
      /STS rejected[\s\S]*attribute-condition="assertion.repository=='OWNER\/REPO'"/,
    ],
    [
      'wrong provider name',
      {},
      { workloadIdentityProvider: 'projects/my-project/locations/global/workloadIdentityPools/github/providers/octo' },
      null,
      /STS rejected[\s\S]*full provider name[\s\S]*project number, not ID/,
    ],
    [
      'impersonation denied',
      { serviceAccount: 'other@demo-project.iam.gserviceaccount.com' },
      {},
      null,
      /iam\.serviceAccounts\.getAccessToken[\s\S]*--role=roles\/iam\.workloadIdentityUser[\s\S]*principalSet:\/\/iam\.googleapis\.com\/projects\/123456\/locations\/global\/workloadIdentityPools\/github\/attribute\.repository/,
    ],
  ])('%s', async (_name, options, overrides, arrange, message) => {
    await startFake(options);
    arrange?.();
    const read = readAll(googleTestConfig(fake, overrides));
    await expect(read).rejects.toThrow(GoogleSetupError);
    await expect(readAll(googleTestConfig(fake, overrides))).rejects.toThrow(message);
    expect(fake.requestsTo('logging')).toHaveLength(0);
  });

  it.each([
    [
      'STS OAuth error',
      Object.assign(
        new Error('Error code invalid_grant: The audience in ID Token [x] does not match the expected audience.'),
        {},
      ),
      'sts',
    ],
    [
      'IAM API disabled',
      Object.assign(new Error('403'), {
        config: { url: 'https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/a@b:generateAccessToken' },
        response: {
          status: 403,
          data: {
            error: {
              code: 403,
              status: 'PERMISSION_DENIED',
              message:
                'IAM Service Account Credentials API has not been used in project 1 before or it is disabled. SERVICE_DISABLED',
            },
          },
        },
      }),
      'impersonation',
    ],
    ['anything else', new Error('socket hang up'), 'adc'],
  ])('classifies %s', (_name, err, step) => {
    const explained = explainAuthError(err, { projectId: 'p', workloadIdentityProvider: PROVIDER, serviceAccount: SA });
    expect(explained.step).toBe(step);
  });
});

describe('Application Default Credentials', () => {
  it('reads the credentials file google-github-actions/auth writes, without the metadata server', async () => {
    await startFake({ serviceAccount: '' });
    const dir = mkdtempSync(join(tmpdir(), 'adc-'));
    const oidcFile = join(dir, 'oidc-token');
    writeFileSync(oidcFile, await getIDToken(`https://iam.googleapis.com/${PROVIDER}`));
    const credentials = join(dir, 'credentials.json');
    writeFileSync(
      credentials,
      JSON.stringify({
        type: 'external_account',
        audience: `//iam.googleapis.com/${PROVIDER}`,
        subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_url: `${fake.baseUrl}/v1/token`,
        credential_source: { file: oidcFile },
      }),
    );
    const config = googleTestConfig(fake, { workloadIdentityProvider: '', serviceAccount: '' });
    process.env.GOOGLE_APPLICATION_CREDENTIALS = credentials;
    const auth = await createGoogleAuth(config, {
      getIdToken: () => Promise.reject(new Error('unused')),
      mask: () => {},
    });
    const source = new CloudLoggingSource(config, auth, {
      now: () => Date.now(),
      sleep: async () => {},
      random: () => 0.5,
      log: () => {},
    });
    let count = 0;
    for await (const _ of source.read()) count++;
    expect(count).toBe(1500);
    expect(fake.requestsTo('sts')).toHaveLength(1);
  });

  it.each([
    [
      'no credentials at all',
      {},
      /No Google credentials[\s\S]*workload-identity-provider[\s\S]*google-github-actions\/auth/,
    ],
    [
      'a credentials path that does not exist',
      { GOOGLE_APPLICATION_CREDENTIALS: '/nonexistent/creds.json' },
      /does not exist/,
    ],
  ])('fails fast with %s (no metadata-server probe)', async (_name, env, message) => {
    // No gcloud ADC file either, and no METADATA_SERVER_DETECTION: production does not rely on it.
    delete process.env.METADATA_SERVER_DETECTION;
    delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    Object.assign(process.env, { CLOUDSDK_CONFIG: mkdtempSync(join(tmpdir(), 'gcloud-')) }, env);
    const config = googleTestConfig({ baseUrl: 'http://127.0.0.1:9' } as GoogleFake, {
      workloadIdentityProvider: '',
      serviceAccount: '',
    });
    const started = Date.now();
    await expect(
      createGoogleAuth(config, { getIdToken: () => Promise.reject(new Error('unused')), mask: () => {} }),
    ).rejects.toThrow(message);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
