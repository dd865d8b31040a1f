/**
 * A self-signed certificate for the sandbox's HTTPS Kubernetes API, made at start.
 * kubectl sends bearer tokens only over TLS, so the API cannot be plain HTTP; the
 * certificate is its own CA and goes into the written kubeconfig.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** @internal */
export interface SandboxCertificate {
  /** PEM certificate, also the CA to trust. */
  cert: string;
  /** PEM private key (never logged or served). */
  key: string;
}

const certificates = new Map<string, SandboxCertificate>();

/**
 * A certificate for 127.0.0.1, ::1, localhost and `host`; made once per process and
 * host, since RSA key generation is slow.
 * @internal
 */
export function createSandboxCertificate(host: string): SandboxCertificate {
  let certificate = certificates.get(host);
  if (!certificate) {
    certificate = generateCertificate(host);
    certificates.set(host, certificate);
  }
  return certificate;
}

function generateCertificate(host: string): SandboxCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000);
  const attrs = [
    { name: 'commonName', value: 'sandbox-cluster' },
    {
      name: 'organizationName',
      value: 'mlplatform sandbox (not a real cluster)',
    },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const altNames: Array<{ type: number; value?: string; ip?: string }> = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) {
    if (host !== '127.0.0.1') altNames.push({ type: 7, ip: host });
  } else if (host !== 'localhost') {
    altNames.push({ type: 2, value: host });
  }
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: privateKey };
}
