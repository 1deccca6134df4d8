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
                contextVariables: { "aws:SecureTransport": String(secure) },
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
            expect(await decide(policy, ADMIN, "s3:GetObject", object, false, adminPolicy), p.name).to.equal("ExplicitlyDenied");
            expect(await decide(policy, ADMIN, "s3:GetObject", object, true, adminPolicy), p.name).to.equal(
                isPhi ? "ExplicitlyDenied" : "Allowed",
            );
        }
        expect(phi.sort()).to.deep.equal(["storage-backups", "storage-backups-dr", "storage-documents", "storage-images"]);
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
