import { createClient, createConfig } from '../../../openapi/sdk/client';
import type { Client } from '../../../openapi/sdk/client';
import { createToken } from '../../../openapi/sdk';
import { problemText } from './problems';

/** Where the service is and who signs in: flags first, then OSM_* environment variables. */
export interface ConnectionOptions {
  url?: string;
  token?: string;
  clientId?: string;
  clientSecret?: string;
  username?: string;
}

export class UsageError extends Error {}

/** Signs in and hands back an SDK client that sends the bearer token. */
export async function connect(options: ConnectionOptions, env: NodeJS.ProcessEnv): Promise<Client> {
  const url = (options.url ?? env.OSM_URL)?.replace(/\/+$/, '');
  if (!url) throw new UsageError('Say which service to talk to: --url http://host:3000 or OSM_URL.');
  if (!/^https?:\/\//.test(url))
    throw new UsageError(`--url must start with http:// or https:// (got ${url}).`);
  let token = options.token ?? env.OSM_TOKEN;
  if (!token) {
    const clientId = options.clientId ?? env.OSM_CLIENT_ID;
    const clientSecret = options.clientSecret ?? env.OSM_CLIENT_SECRET;
    const username = options.username ?? env.OSM_USERNAME;
    const body = clientId
      ? { grant_type: 'client_credentials' as const, client_id: clientId, client_secret: clientSecret }
      : username
        ? { grant_type: 'password' as const, username, password: env.OSM_PASSWORD }
        : undefined;
    if (!body) {
      throw new UsageError(
        'Say who signs in: OSM_TOKEN, --client-id with OSM_CLIENT_SECRET, or --username with OSM_PASSWORD.',
      );
    }
    if (body.grant_type === 'client_credentials' && !clientSecret) {
      throw new UsageError('--client-id needs its secret: --client-secret or OSM_CLIENT_SECRET.');
    }
    if (body.grant_type === 'password' && !env.OSM_PASSWORD) {
      throw new UsageError('--username needs OSM_PASSWORD in the environment.');
    }
    const anonymous = createClient(createConfig({ baseUrl: url }));
    const { data, error } = await createToken({ client: anonymous, body }).catch((failure: unknown) => {
      throw new UsageError(
        `Cannot reach ${url}: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    });
    if (!data) throw new UsageError(`Sign-in refused: ${problemText(error)}`);
    token = data.access_token;
  }
  const bearer = token;
  return createClient(createConfig({ baseUrl: url, auth: () => bearer }));
}
