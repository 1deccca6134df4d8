// Resources that grant access by existing, without a policy document: a KMS grant, a shared
// snapshot, a launch or create-volume permission, a RAM share, an access point opened to the public.
import { Finding, stackControl } from "../lib/control";
import { accountOfArn, PrincipalsConfig, principalsConfigSchema, Trust, trustOf, unpinnedAccount } from "../lib/accounts";
import { list } from "../lib/policy-document";
import { is, ofType, Typed } from "../lib/stack";

const KMS_GRANT = "aws:kms/grant:Grant";
const SNAPSHOTS = [
    "aws:rds/snapshot:Snapshot",
    "aws:rds/clusterSnapshot:ClusterSnapshot",
    "aws:rds/snapshotCopy:SnapshotCopy",
    "aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
] as const;
const AMI_LAUNCH = "aws:ec2/amiLaunchPermission:AmiLaunchPermission";
const CREATE_VOLUME = "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission";
const RAM_ASSOCIATION = "aws:ram/principalAssociation:PrincipalAssociation";
const ACCESS_POINT = "aws:s3/accessPoint:AccessPoint";

const TYPES = [KMS_GRANT, ...SNAPSHOTS, AMI_LAUNCH, CREATE_VOLUME, RAM_ASSOCIATION, ACCESS_POINT] as const;
const EXPECTED = "the stack's account, or an account or organization the pack configuration trusts";

/** An account id, an IAM ARN, or an AWS Organizations organization / OU ARN, judged against the trust. */
function outside(principal: string, trust: Trust): string | undefined {
    if (/^\d{12}$/.test(principal)) return trust.accounts.has(principal) ? undefined : `account ${principal}`;
    const org = /^arn:[^:]+:organizations::\d{12}:(?:organization|ou)\/(o-[a-z0-9]+)/.exec(principal);
    if (org) return trust.organizations.has(org[1]) ? undefined : `organization ${org[1]}`;
    if (/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(principal)) return undefined; // an AWS service of this account's resources
    const account = accountOfArn(principal);
    if (account && trust.accounts.has(account)) return undefined;
    return account ? `account ${account} (${principal})` : `${principal}, which names no account`;
}

function check(r: Typed<(typeof TYPES)[number]>, trust: Trust): Finding[] {
    const outsiders = (values: unknown[], what: string): Finding[] =>
        values
            .map((v) => String(v))
            .map((v) => (v === "all" ? "everyone (all)" : outside(v, trust)))
            .filter((o): o is string => o !== undefined)
            .map((o) => ({ problem: `${what} ${o}`, expected: EXPECTED }));
    if (r.type === KMS_GRANT)
        return outsiders([r.props.granteePrincipal, r.props.retiringPrincipal].filter(Boolean), "the key grant goes to");
    if (is(r, SNAPSHOTS)) return outsiders(list(r.props.sharedAccounts), "the snapshot is shared with");
    if (r.type === AMI_LAUNCH)
        return outsiders(
            [r.props.group, r.props.accountId, r.props.organizationArn, r.props.organizationalUnitArn].filter(Boolean),
            "the image may be launched by",
        );
    if (r.type === CREATE_VOLUME) return outsiders([r.props.accountId], "volumes may be created from the snapshot by");
    if (r.type === RAM_ASSOCIATION) return outsiders([r.props.principal], "the resource share includes");
    if (r.type === ACCESS_POINT) {
        const block = r.props.publicAccessBlockConfiguration;
        const open =
            block &&
            (["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const).filter(
                (k) => block[k] === false,
            );
        return open && open.length > 0
            ? [
                  {
                      problem: `the access point lifts its public access block (${open.join(", ")} false)`,
                      expected: "every public access block setting left on (AWS's default for access points)",
                  },
              ]
            : [];
    }
    return [];
}

export const grantsTrustedAccounts = stackControl<PrincipalsConfig>({
    name: "careplane-grants-trusted-accounts",
    description:
        "Resources that grant access by themselves stay within the stack's account and the accounts the pack configuration trusts: KMS grants, shared RDS and cluster snapshots (never `all`), AMI launch and EBS create-volume permissions, RAM share associations; no S3 access point lifts its public access block.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(B)", "164.310(d)(1)", "164.312(a)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: TYPES,
    configSchema: principalsConfigSchema,
    check: (resources, report, config) => {
        const subjects = ofType(resources, ...TYPES);
        if (subjects.length === 0) return;
        const trust = trustOf(resources, config);
        if (trust.home.size === 0) return report(undefined, unpinnedAccount);
        for (const r of subjects) for (const f of check(r, trust)) report(r, f);
    },
});
