import { createClient, createConfig } from '../../../openapi/sdk/client';
import type { Client } from '../../../openapi/sdk/client';
import { createToken } from '../../../openapi/sdk';
import type { CreateTokenData } from '../../../openapi/sdk';
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

/** An SDK client that sends the bearer token, and a way to sign in again when credentials were given. */
export interface ApiSession {
  client: Client;
  /** Signs in again (a long import outlives a token); absent with only OSM_TOKEN. */
  renew?: () => Promise<void>;
}

type TokenRequest = CreateTokenData['body'];

function tokenRequest(options: ConnectionOptions, env: NodeJS.ProcessEnv): TokenRequest | undefined {
  const clientId = options.clientId ?? env.OSM_CLIENT_ID;
  const clientSecret = options.clientSecret ?? env.OSM_CLIENT_SECRET;
  const username = options.username ?? env.OSM_USERNAME;
  if (clientId) {
    if (!clientSecret)
      throw new UsageError('--client-id needs its secret: --client-secret or OSM_CLIENT_SECRET.');
    return { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
  }
  if (username) {
    if (!env.OSM_PASSWORD) throw new UsageError('--username needs OSM_PASSWORD in the environment.');
    return { grant_type: 'password', username, password: env.OSM_PASSWORD };
  }
  return undefined;
}

/**
 * Signs in (or takes the token given) and hands back the session. With a token and credentials both, the
 * token is used first and the credentials renew it.
 */
export async function connect(options: ConnectionOptions, env: NodeJS.ProcessEnv): Promise<ApiSession> {
  const url = (options.url ?? env.OSM_URL)?.replace(/\/+$/, '');
  if (!url) throw new UsageError('Say which service to talk to: --url http://host:3000 or OSM_URL.');
  if (!/^https?:\/\//.test(url)) {
    throw new UsageError(`--url must start with http:// or https:// (got ${url}).`);
  }
  const request = tokenRequest(options, env);
  let token = options.token ?? env.OSM_TOKEN;
  if (!token && !request) {
    throw new UsageError(
      'Say who signs in: OSM_TOKEN, --client-id with OSM_CLIENT_SECRET, or --username with OSM_PASSWORD.',
    );
  }
  const anonymous = createClient(createConfig({ baseUrl: url }));
  const signIn = async (body: TokenRequest): Promise<string> => {
    const { data, error } = await createToken({ client: anonymous, body }).catch((failure: unknown) => {
      throw new UsageError(
        `Cannot reach ${url}: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    });
    if (!data) throw new UsageError(`Sign-in refused: ${problemText(error)}`);
    return data.access_token;
  };
  token ??= await signIn(request!);
  const client = createClient(createConfig({ baseUrl: url, auth: () => token }));
  return {
    client,
    renew: request
      ? async () => {
          token = await signIn(request);
        }
      : undefined,
  };
}
