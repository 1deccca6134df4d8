import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { GhcrPullThroughCache } from "../../../components/compute/pull-through-cache";
import { buildAlone, documentOf, PARTITION } from "../../support/alone";

// An account other than the stack file's: every ARN the component writes must come from the one it is handed.
const OTHER_ACCOUNT = "210987654321";

describe("GhcrPullThroughCache, built alone", () => {
    const build = (stack: string) =>
        buildAlone((context) => {
            // The credential as the Secrets component hands it over: an entry under ecr-pullthroughcache/ and its first value.
            const secret = new aws.secretsmanager.Secret("credential", { name: "ecr-pullthroughcache/caresync/dev/ghcr" });
            const version = new aws.secretsmanager.SecretVersion("credential", { secretId: secret.id, secretString: "{}" });
            new GhcrPullThroughCache("registry", {
                context,
                credential: { arn: secret.arn, version },
                accountId: OTHER_ACCOUNT,
                partition: PARTITION,
            });
        }, stack);

    it("creates the ghcr.io rule after its credential's value and the template, the template encrypting with a key of the given account", async () => {
        const built = await build("dev");
        const rule = built.one("aws:ecr/pullThroughCacheRule:PullThroughCacheRule");
        const template = built.one("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");
        const version = built.one("aws:secretsmanager/secretVersion:SecretVersion");
        expect(rule.inputs).to.include({ ecrRepositoryPrefix: "ghcr", upstreamRegistryUrl: "ghcr.io" });
        expect(rule.dependencies).to.include.members([template.urn, version.urn]);
        expect(template.inputs.prefix).to.equal(rule.inputs.ecrRepositoryPrefix);
        const key = built.one("aws:kms/key:Key");
        expect(template.propertyDependencies.encryptionConfigurations).to.include(key.urn);
        const root = documentOf(key).Statement.find((s: any) => s.Sid === "AccountReadsAndMaintainsKey");
        expect(root.Principal).to.deep.equal({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` });
        expect(template.inputs.resourceTags).to.include({ Environment: "dev", ManagedBy: "pulumi" });
    });

    it("lets the creation role create only the given account's ghcr/ repositories", async () => {
        const built = await build("dev");
        const [statement] = documentOf(built.one("aws:iam/policy:Policy")).Statement;
        expect(statement.Resource).to.equal(`arn:aws:ecr:us-east-1:${OTHER_ACCOUNT}:repository/ghcr/*`);
    });

    it("protects its key in prod, and lets the deploy role delete it in dev", async () => {
        const deleters = async (stack: string) =>
            documentOf((await build(stack)).one("aws:kms/key:Key")).Statement.some((s: any) => s.Sid === "DeployRoleDestroysDisposableKey");
        expect(await deleters("dev")).to.equal(true);
        const prod = await build("prod");
        expect(prod.one("aws:kms/key:Key").protect).to.equal(true);
        expect(documentOf(prod.one("aws:kms/key:Key")).Statement.some((s: any) => s.Sid === "DeployRoleDestroysDisposableKey")).to.equal(
            false,
        );
    });
});
