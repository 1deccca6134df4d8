import { autoScalingEbs, eks } from "./compute";
import { ecrPullThroughCache, elasticache, rds, secretsManager } from "./data";
import { cloudtrail, cloudwatchLogs, snsForAlarms } from "./logging";
import { keyPolicyRule } from "./simulate-use";
import { rdsSnapshotSharing } from "./snapshot-sharing";
import { backup, s3, s3Replication } from "./storage";

/** One rule per AWS service that uses a key in the plans, each simulating that service's real calls. */
export const keyPolicyRules = [
    cloudtrail,
    cloudwatchLogs,
    snsForAlarms,
    s3,
    s3Replication,
    backup,
    eks,
    autoScalingEbs,
    rds,
    elasticache,
    secretsManager,
    ecrPullThroughCache,
].map(keyPolicyRule);

/** Rules on keys shared with other accounts: what the receiving account's calls need. */
export const sharedKeyRules = [rdsSnapshotSharing];
