import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Account-wide settings of the stack's region, made by the one stack that owns the account's
 * singletons (careplane:account.singletons) [18.6]: every new EBS volume and snapshot encrypted,
 * whoever creates it (164.312(a)(2)(iv)), and every image pushed to any ECR repository of the registry
 * scanned, the ones ECR creates itself (pull-through cache) included: scanning is a registry setting
 * whose filters override each repository's own, and a repository no filter matches is scanned only by
 * hand ("Filters to choose which repositories are scanned in Amazon ECR") [001, 004]. Two stacks setting them would fight over one setting,
 * and destroying either would turn it off for both. The GuardDuty detector is the audit
 * component's; the account-global singletons (the GitHub OIDC provider, the S3 account public
 * access block) are the bootstrap project's, created before any stack (docs/cicd.md).
 */
export class AccountDefaults extends pulumi.ComponentResource {
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:security:AccountDefaults", name, {}, opts);
        new aws.ebs.EncryptionByDefault(`${name}-ebs-encryption`, { enabled: true }, { parent: this });
        new aws.ecr.RegistryScanningConfiguration(
            `${name}-image-scanning`,
            { scanType: "BASIC", rules: [{ scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] },
            { parent: this },
        );
        this.registerOutputs({});
    }
}
