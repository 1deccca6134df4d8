// Every rule of the deploy-readiness analysis, by family.
import { RunRule, StackRule } from "../rule";
import { singletonsOwnedOnce } from "./account/singletons";
import { namesUnique } from "./account/names";
import { quotaRules } from "./account/quotas";
import { addonsMatchCluster, chartsTestedOnCluster, versionsInSupport } from "./calendars/calendars";
import { backupLifecycle } from "./constraints/backup-lifecycle";
import { cacheParameterGroupFamily, rdsParameterGroupFamily } from "./constraints/engine-family";
import { generatedRules } from "./constraints/generated";
import { nameRules, nodeGroupScaling } from "./constraints/names";
import { rangeRules } from "./constraints/ranges";
import { scheduleTimeZones } from "./constraints/time-zones";
import { bucketsEmptied, finalSnapshotNames, secretNamesReleased, vaultsEmptied } from "./destroy/data";
import { ownPoliciesAllowDeletion } from "./destroy/policies";
import {
    controllerLoadBalancers,
    deletionProtection,
    kubernetesFinalizers,
    protectedResources,
    retainedResources,
} from "./destroy/protections";
import { keyPolicyRules, sharedKeyRules } from "./key-policies";
import { addonsAndNodes } from "./order/eks";
import { customResourcesAfterCrds, namespaceFirst, webhooksReady } from "./order/kubernetes";
import { roleGrantsFirst } from "./order/roles";
import { trailAfterBucketPolicy } from "./order/trail";
import { lifecycleWithinVaultLock, restoreTestsInStackNetwork, selectionsBackUpWhatTheyTag } from "./prerequisites/backup";
import { autoscaledNodeGroupSize, autoscalerMetrics, networkPoliciesEnforced } from "./prerequisites/kubernetes";
import { accessLogDelivery, loadBalancerLogDelivery, trailBucketPolicy } from "./prerequisites/delivery";
import {
    cloudfrontCertificateRegion,
    cloudfrontLogDeliveryRegion,
    cloudfrontScopeRegion,
    httpsListenerCertificate,
    ingressCertificate,
    wafLogDestinationRegion,
    wafLogGroupName,
} from "./prerequisites/edge";
import { creationTemplateRole, pullThroughCacheCredential, registryScanFrequency } from "./prerequisites/ecr";
import { clusterSubnetsInTwoZones } from "./prerequisites/eks";
import { atRestKeyNeedsEncryption, authNeedsTls, clusterModeParameter, failoverRequirements } from "./prerequisites/elasticache";
import { deliveryRole, trailLogGroupArn } from "./prerequisites/logging";
import { crossRegionReplica, dependentSettings, replicaNeedsBackups, replicaOfManagedPassword } from "./prerequisites/rds";
import { secretReplicas } from "./prerequisites/secrets";
import { sharedSnapshotKey } from "./prerequisites/rds-snapshot-sharing";
import { failoverRecords, healthChecks } from "./prerequisites/route53";
import { schedulerUniversalTarget } from "./prerequisites/scheduler";
import {
    accessLogTarget,
    loadBalancerLogBucket,
    objectLockNeedsVersioning,
    replicationNeedsVersioning,
    replicationObjectLock,
} from "./prerequisites/s3";
import { principalsExist, serviceLinkedRolesOwned } from "./principals/principals";
import { deployerAuthorized, privateEndpointDns, providerConnections } from "./reachability/connections";

export const stackRules: StackRule[] = [
    // 1. argument constraints: generated from the API models, then the ones AWS states only in prose
    ...generatedRules,
    backupLifecycle,
    rdsParameterGroupFamily,
    cacheParameterGroupFamily,
    ...rangeRules,
    ...nameRules,
    nodeGroupScaling,
    scheduleTimeZones,
    // 2. prerequisites between resources
    objectLockNeedsVersioning,
    replicationNeedsVersioning,
    replicationObjectLock,
    accessLogTarget,
    loadBalancerLogBucket,
    trailBucketPolicy,
    accessLogDelivery,
    loadBalancerLogDelivery,
    failoverRequirements,
    authNeedsTls,
    atRestKeyNeedsEncryption,
    clusterModeParameter,
    replicaOfManagedPassword,
    sharedSnapshotKey,
    replicaNeedsBackups,
    crossRegionReplica,
    secretReplicas,
    dependentSettings,
    failoverRecords,
    healthChecks,
    cloudfrontScopeRegion,
    wafLogGroupName,
    wafLogDestinationRegion,
    cloudfrontCertificateRegion,
    cloudfrontLogDeliveryRegion,
    httpsListenerCertificate,
    ingressCertificate,
    trailLogGroupArn,
    deliveryRole,
    clusterSubnetsInTwoZones,
    pullThroughCacheCredential,
    creationTemplateRole,
    schedulerUniversalTarget,
    registryScanFrequency,
    lifecycleWithinVaultLock,
    selectionsBackUpWhatTheyTag,
    restoreTestsInStackNetwork,
    networkPoliciesEnforced,
    autoscalerMetrics,
    autoscaledNodeGroupSize,
    // 3. principals that exist
    principalsExist,
    // 4. key policies against the calls services make
    ...keyPolicyRules,
    ...sharedKeyRules,
    // 5. creation order
    customResourcesAfterCrds,
    webhooksReady,
    namespaceFirst,
    roleGrantsFirst,
    addonsAndNodes,
    trailAfterBucketPolicy,
    // 6. reachability from the deployer
    providerConnections,
    privateEndpointDns,
    deployerAuthorized,
    // 8. support calendars
    versionsInSupport,
    addonsMatchCluster,
    chartsTestedOnCluster,
    // 9. destroy (dev and test)
    protectedResources,
    deletionProtection,
    controllerLoadBalancers,
    kubernetesFinalizers,
    retainedResources,
    bucketsEmptied,
    vaultsEmptied,
    secretNamesReleased,
    finalSnapshotNames,
    ownPoliciesAllowDeletion,
];

// 7. account singletons, quotas and names, across the stacks sharing an account and region
export const runRules: RunRule[] = [singletonsOwnedOnce, ...quotaRules, namesUnique, serviceLinkedRolesOwned];
