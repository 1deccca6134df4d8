import { allowListStatements, denyInsecureTransport } from "../../../components/storage/bucket-policies";
import { aws, res, specControl } from "../../support/controls";
import { ACCOUNT, doc, principals } from "../baselines/keys-and-break-glass";

// ---- careplane-s3-phi-allow-list -----------------------------------------------------------------------
const BUCKET = "aws:s3/bucket:Bucket";
const documents = aws(BUCKET, "documents", { bucket: "caresync-prod-documents" });
const DOCS = "arn:aws:s3:::caresync-prod-documents";
const bucketPolicy = (statements: object[], bucket = documents) =>
    res(
        "aws:s3/bucketPolicy:BucketPolicy",
        `${bucket.name}-policy`,
        { bucket: bucket.inputs.bucket, policy: doc(...statements) },
        { bucket },
    );
const careplaneAllowList = allowListStatements(DOCS, {
    dataPrincipals: [`arn:aws:iam::${ACCOUNT}:role/workloads-api`, principals("prod").breakGlassRole],
    managers: [principals("prod").deployRole, principals("prod").breakGlassRole],
    emptiers: [],
});
const tlsOnly = denyInsecureTransport(DOCS);
const editedAllowList = (sid: string, change: (s: any) => void) => {
    const statements = structuredClone(careplaneAllowList) as any[];
    change(statements.find((s) => s.Sid === sid));
    return [documents, bucketPolicy([tlsOnly, ...statements])];
};
specControl("careplane-s3-phi-allow-list", {
    passes: [
        {
            it: "careplane's documents bucket (applications, AWS Backup, break-glass; deployer and break-glass manage it)",
            fixtures: [documents, bucketPolicy([tlsOnly, ...careplaneAllowList])],
        },
        {
            it: "a confidential log bucket with the TLS rule alone",
            fixtures: [
                aws(BUCKET, "logs", { bucket: "logs" }, {}, "prod", "confidential"),
                bucketPolicy(
                    [denyInsecureTransport("arn:aws:s3:::logs")],
                    aws(BUCKET, "logs", { bucket: "logs" }, {}, "prod", "confidential"),
                ),
            ],
        },
    ],
    fails: [
        {
            it: "a PHI bucket with only the TLS rule (the documents and images buckets before)",
            fixtures: [documents, bucketPolicy([tlsOnly])],
            message:
                "documents (aws:s3/bucket:Bucket): its policy leaves s3:GetObject, s3:PutObject, s3:DeleteObjectVersion, s3:PutBucketPolicy to anyone whose IAM policy allows it",
        },
        {
            it: "a PHI bucket with no policy at all",
            fixtures: [documents],
            message: "its policy leaves s3:GetObject, s3:PutObject, s3:DeleteObjectVersion, s3:PutBucketPolicy",
        },
        {
            it: "an exemption by role-name pattern",
            fixtures: editedAllowList(
                "OnlyNamedPrincipalsReadOrWriteObjects",
                (s) => (s.Condition.ArnNotEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:role/*`]),
            ),
            message: "its policy leaves s3:GetObject, s3:PutObject to anyone",
        },
        {
            it: "a deny that holds only without TLS",
            fixtures: editedAllowList(
                "OnlyNamedPrincipalsListOrDeleteObjects",
                (s) => (s.Condition.Bool = { "aws:SecureTransport": "false" }),
            ),
            message: "its policy leaves s3:DeleteObjectVersion to anyone",
        },
        {
            it: "the bucket's policy left to IAM",
            fixtures: editedAllowList("OnlyTheDeployerAndBreakGlassChangeTheBucket", (s) => (s.Action = ["s3:DeleteBucket"])),
            message: "its policy leaves s3:PutBucketPolicy to anyone",
        },
    ],
});
