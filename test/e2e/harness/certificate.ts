// A self-signed TLS certificate made at run time (nothing secret is committed). Chromium is started
// with --ignore-certificate-errors, so any certificate works; the SANs only make it look right.
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

let pending: Promise<Certificate> | undefined;

/** One certificate per process: generating a key costs tens of milliseconds, reusing it nothing. */
export function localCertificate(): Promise<Certificate> {
  pending ??= generate([{ name: 'commonName', value: 'rapport-fixtures.local' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 2, value: '*.google.com' },
          { type: 2, value: '*.linkedin.com' },
          { type: 2, value: 'x.com' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  }).then(({ private: key, cert }) => ({ key, cert }));
  return pending;
}
