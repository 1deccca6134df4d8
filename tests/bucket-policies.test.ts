import { runSimulation } from "@cloud-copilot/iam-simulate";
import { expect } from "chai";
import { ofType, planOf } from "./support/engine";
import { ACCOUNT } from "./support/iam";

// The bucket policies the program wrote, evaluated by the IAM policy engine (iam-simulate).
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/administrator`;
const adminPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
/** Elastic Load Balancing's log-delivery account in us-east-1; its own side lets it write anywhere. */
const ELB_US_EAST_1 = "arn:aws:iam::127311923021:root";
const elbOwnPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
/** The roles that read the logs that can hold PHI (the audit area's auditor, the keys area's break-glass). */
const AUDITOR = `arn:aws:iam::${ACCOUNT}:role/caresync-prod-auditor`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/caresync-prod-break-glass`;
/** The buckets whose objects are logs: the trail's (and the audit archive), the access logs in both regions. */
const LOG_BUCKET_POLICIES = ["audit-trail", "storage-access-logs", "storage-access-logs-dr"];

async function decide(
    bucketPolicy: unknown,
    principal: string,
    action: string,
    resource: string,
    secure: boolean,
    identityPolicy?: unknown,
): Promise<string> {
    const result = await runSimulation(
        {
            request: {
                principal,
                action,
                resource: { resource, accountId: ACCOUNT },
                // What AWS sets on every signed request; iam-simulate does not fill it in itself.
                contextVariables: { "aws:SecureTransport": String(secure), "aws:PrincipalArn": principal },
            },
            identityPolicies: identityPolicy ? [{ name: "identity", policy: identityPolicy }] : [],
            serviceControlPolicies: [],
            resourceControlPolicies: [],
            resourcePolicy: bucketPolicy,
        },
        {},
    );
    if (result.resultType !== "single") throw new Error(`simulation failed: ${JSON.stringify(result).slice(0, 300)}`);
    return result.overallResult;
}

describe("bucket policies under the IAM policy engine (prod)", () => {
    it("refuses plain-HTTP requests on every bucket even to an administrator; over TLS it serves the log buckets, while PHI buckets admit only their allow-list", async () => {
        const plan = await planOf("prod");
        const buckets = new Map(ofType(plan, "aws:s3/bucket:Bucket").map((b) => [b.urn, b]));
        const phi: string[] = [];
        for (const p of ofType(plan, "aws:s3/bucketPolicy:BucketPolicy")) {
            const policy = JSON.parse(p.inputs.policy as string);
            const object = `arn:aws:s3:::${p.inputs.bucket}/patients/123.pdf`;
            const bucket = p.dependencies.map((d) => buckets.get(d)).find((b) => b !== undefined)!;
            const isPhi = (bucket.inputs.tags as Record<string, string>).DataClassification === "phi";
            if (isPhi) phi.push(p.name);
            // Log buckets serve their files to the log readers alone (the next case).
            const reader = LOG_BUCKET_POLICIES.includes(p.name) ? AUDITOR : ADMIN;
            expect(await decide(policy, reader, "s3:GetObject", object, false, adminPolicy), p.name).to.equal("ExplicitlyDenied");
            expect(await decide(policy, reader, "s3:GetObject", object, true, adminPolicy), p.name).to.equal(
                isPhi ? "ExplicitlyDenied" : "Allowed",
            );
        }
        expect(phi.sort()).to.deep.equal(["storage-backups", "storage-backups-dr", "storage-documents", "storage-images"]);
    });

    it("serves the log buckets' files (URLs, client addresses, data events) to the auditor and break-glass roles alone", async () => {
        const plan = await planOf("prod");
        const policies = ofType(plan, "aws:s3/bucketPolicy:BucketPolicy").filter((p) => LOG_BUCKET_POLICIES.includes(p.name));
        expect(policies.map((p) => p.name).sort()).to.deep.equal([...LOG_BUCKET_POLICIES].sort());
        for (const p of policies) {
            const policy = JSON.parse(p.inputs.policy as string);
            const object = `arn:aws:s3:::${p.inputs.bucket}/alb/AWSLogs/${ACCOUNT}/elb.log.gz`;
            for (const action of ["s3:GetObject", "s3:GetObjectVersion"]) {
                expect(await decide(policy, ADMIN, action, object, true, adminPolicy), `${p.name} admin ${action}`).to.equal(
                    "ExplicitlyDenied",
                );
                expect(await decide(policy, AUDITOR, action, object, true, adminPolicy), `${p.name} auditor ${action}`).to.equal("Allowed");
                expect(await decide(policy, BREAK_GLASS, action, object, true, adminPolicy), `${p.name} break-glass ${action}`).to.equal(
                    "Allowed",
                );
            }
        }
    });

    it("lets the us-east-1 load balancers write their logs under alb/ of the access-log bucket, and nowhere else", async () => {
        const plan = await planOf("prod");
        const logs = ofType(plan, "aws:s3/bucketPolicy:BucketPolicy").find((p) => p.name === "storage-access-logs")!;
        const policy = JSON.parse(logs.inputs.policy as string);
        const bucket = `arn:aws:s3:::${logs.inputs.bucket}`;
        const elb = (action: string, key: string) => decide(policy, ELB_US_EAST_1, action, `${bucket}/${key}`, true, elbOwnPolicy);
        expect(await elb("s3:PutObject", `alb/AWSLogs/${ACCOUNT}/elb.log.gz`)).to.equal("Allowed");
        expect(await elb("s3:PutObject", "s3/documents/x")).to.not.equal("Allowed");
        expect(await elb("s3:GetObject", `alb/AWSLogs/${ACCOUNT}/elb.log.gz`)).to.not.equal("Allowed");
    });
});
