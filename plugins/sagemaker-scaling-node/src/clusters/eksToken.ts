import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** How long EKS accepts a token after signing is fixed by EKS (15 min); we presign for 60 s. */
const PRESIGN_EXPIRES_SECONDS = 60;
const TOKEN_PREFIX = 'k8s-aws-v1.';

/** SHA-256 for the signer, from Node's crypto (HMAC when given a secret). */
class NodeSha256 {
  readonly #hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#hash = secret
      ? createHmac('sha256', toBuffer(secret))
      : createHash('sha256');
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBuffer(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') {
    return Buffer.from(data, 'utf8');
  }
  if (ArrayBuffer.isView(data)) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  }
  return Buffer.from(data);
}

/**
 * Creates an EKS bearer token: a presigned STS GetCallerIdentity URL carrying the cluster
 * name in `x-k8s-aws-id`, base64url-encoded, as `aws eks get-token` does.
 * @internal
 */
export async function createEksToken(options: {
  clusterName: string;
  region: string;
  credentials: AwsCredentialIdentityProvider;
  now?: Date;
}): Promise<string> {
  const hostname = `sts.${options.region}.amazonaws.com`;
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: 'sts',
    sha256: NodeSha256,
  });
  const signed = await signer.presign(
    {
      method: 'GET',
      protocol: 'https:',
      hostname,
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: hostname, 'x-k8s-aws-id': options.clusterName },
    },
    { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: options.now },
  );
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(signed.query ?? {})) {
    if (typeof value === 'string') {
      query.append(key, value);
    } else if (Array.isArray(value)) {
      value.forEach(v => query.append(key, v));
    }
  }
  const url = `https://${hostname}/?${query.toString()}`;
  return TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}
