import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** A private CA and a server certificate for 127.0.0.1/localhost signed by it (PEM). */
export interface LocalTls {
  caCert: string;
  cert: string;
  key: string;
}

function rsaPair(): { privateKey: string; publicKey: string } {
  // Node generates RSA natively (fast); forge only builds and signs the certificates.
  return generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

function makeCert(subject: string, serial: string, pub: string, issuer: forge.pki.CertificateField[], signer: string, isCa: boolean) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pub);
  cert.serialNumber = serial;
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 24 * 3600_000);
  cert.setSubject([{ name: 'commonName', value: subject }]);
  cert.setIssuer(issuer);
  const extensions: object[] = [{ name: 'basicConstraints', cA: isCa }];
  if (isCa) extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true });
  else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true });
    extensions.push({ name: 'extKeyUsage', serverAuth: true });
    extensions.push({ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] });
  }
  cert.setExtensions(extensions);
  cert.sign(forge.pki.privateKeyFromPem(signer), forge.md.sha256.create());
  return cert;
}

let cached: LocalTls | undefined;

/**
 * The CA and leaf certificate for the local media server. RSA generation takes about a second,
 * so one pair is made per process and reused by every simulator in it.
 */
export function localTls(): LocalTls {
  cached ??= createLocalTls();
  return cached;
}

/** Creates a self-signed CA and a leaf certificate for the local media server. */
export function createLocalTls(): LocalTls {
  const ca = rsaPair();
  const leaf = rsaPair();
  const caSubject = [{ name: 'commonName', value: 'wa-sim local CA' }];
  const caCert = makeCert('wa-sim local CA', '01', ca.publicKey, caSubject, ca.privateKey, true);
  const cert = makeCert('127.0.0.1', '02', leaf.publicKey, caSubject, ca.privateKey, false);
  return { caCert: forge.pki.certificateToPem(caCert), cert: forge.pki.certificateToPem(cert), key: leaf.privateKey };
}
