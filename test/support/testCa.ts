// A certificate authority made at test time, and a server certificate it signs for 127.0.0.1 and
// localhost: what a company's private CA looks like to the extension. Nothing is written to disk
// except where a test asks for the CA's PEM file (AWS_CA_BUNDLE points at a file).
import forge from 'node-forge';

export interface TestCertificates {
  /** The CA's certificate (PEM): what AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS name. */
  caCert: string;
  /** The server's key and certificate (PEM), signed by the CA. */
  key: string;
  cert: string;
}

function serial(): string {
  return forge.util.bytesToHex(forge.random.getBytesSync(9)).replace(/^[89a-f]/, '1');
}

/** A fresh CA and a server certificate for 127.0.0.1 / localhost, valid from a day ago for a day. */
export function makeTestCertificates(): TestCertificates {
  const now = Date.now();
  const validity = (c: forge.pki.Certificate) => {
    c.validity.notBefore = new Date(now - 86_400_000);
    c.validity.notAfter = new Date(now + 86_400_000);
  };
  const caKeys = forge.pki.rsa.generateKeyPair(2048);
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serial();
  validity(ca);
  const caName = [{ name: 'commonName', value: 'Bedrock Playground Test CA' }];
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }]);
  ca.sign(caKeys.privateKey, forge.md.sha256.create());

  const keys = forge.pki.rsa.generateKeyPair(2048);
  const leaf = forge.pki.createCertificate();
  leaf.publicKey = keys.publicKey;
  leaf.serialNumber = serial();
  validity(leaf);
  leaf.setSubject([{ name: 'commonName', value: '127.0.0.1' }]);
  leaf.setIssuer(caName);
  leaf.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
  ]);
  leaf.sign(caKeys.privateKey, forge.md.sha256.create());
  return { caCert: forge.pki.certificateToPem(ca), key: forge.pki.privateKeyToPem(keys.privateKey), cert: forge.pki.certificateToPem(leaf) };
}
