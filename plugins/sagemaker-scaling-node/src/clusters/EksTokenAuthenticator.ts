import type { KubeConfig, User } from '@kubernetes/client-node';
import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { createEksToken } from './eksToken';
import type { AwsIamClusterAuth } from './types';

/** The kubeconfig user's auth-provider name that selects this authenticator. @internal */
export const AWS_AUTH_PROVIDER_NAME = 'backstage-sagemaker-scaling-aws';
/** EKS tokens live 15 minutes; renew well before. */
const EKS_TOKEN_REUSE_MS = 10 * 60 * 1000;
const DEFAULT_STS_REGION = 'us-east-1';

type Authenticator = Parameters<KubeConfig['addAuthenticator']>[0];

/**
 * Signs EKS tokens on demand and reuses each for a few minutes.
 * @internal
 */
export class EksTokenAuthenticator implements Authenticator {
  readonly #clusterName: string;
  readonly #auth: AwsIamClusterAuth;
  readonly #credentialsManager: AwsCredentialsManager;
  #cached?: { token: string; expiresAt: number };

  constructor(
    clusterName: string,
    auth: AwsIamClusterAuth,
    credentialsManager: AwsCredentialsManager,
  ) {
    this.#clusterName = clusterName;
    this.#auth = auth;
    this.#credentialsManager = credentialsManager;
  }

  isAuthProvider(user: User): boolean {
    return user.authProvider?.name === AWS_AUTH_PROVIDER_NAME;
  }

  async applyAuthentication(
    _user: User,
    opts: { headers?: Record<string, unknown> | unknown },
  ): Promise<void> {
    const token = await this.#token();
    const headers = (opts.headers ?? {}) as Record<string, unknown>;
    headers.Authorization = `Bearer ${token}`;
    opts.headers = headers;
  }

  async #token(): Promise<string> {
    if (this.#cached && this.#cached.expiresAt > Date.now()) {
      return this.#cached.token;
    }
    const region = this.#auth.region ?? DEFAULT_STS_REGION;
    const provider = await this.#credentialsManager.getCredentialProvider(
      this.#auth.accountId ? { accountId: this.#auth.accountId } : undefined,
    );
    let credentials: AwsCredentialIdentityProvider =
      provider.sdkCredentialProvider;
    if (this.#auth.assumeRole) {
      credentials = fromTemporaryCredentials({
        masterCredentials: credentials,
        params: {
          RoleArn: this.#auth.assumeRole,
          ExternalId: this.#auth.externalId,
          RoleSessionName: 'backstage-sagemaker-scaling',
        },
        clientConfig: { region },
      });
    }
    const token = await createEksToken({
      clusterName: this.#auth.clusterName ?? this.#clusterName,
      region,
      credentials,
    });
    this.#cached = { token, expiresAt: Date.now() + EKS_TOKEN_REUSE_MS };
    return token;
  }
}
