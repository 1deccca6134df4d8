// The careplane policy pack's controls, without side effects: the pack entry (index.ts) serves
// them; the offline preview, the report and the tests read their metadata from here.
import { Control } from "./lib/control";
import { albAccessLogs } from "./controls/alb-access-logs";
import { albDeletionProtection } from "./controls/alb-deletion-protection";
import { alwaysOnNotScheduledDown } from "./controls/always-on-not-scheduled-down";
import { albDropInvalidHeaders } from "./controls/alb-drop-invalid-headers";
import { albListenerHttps } from "./controls/alb-listener-https";
import { albWaf } from "./controls/alb-waf";
import { backupPhiStoresSelected } from "./controls/backup-phi-stores-selected";
import { backupPlanFrequency } from "./controls/backup-plan-frequency";
import { backupPlanRetention } from "./controls/backup-plan-retention";
import { backupSelectionSupported } from "./controls/backup-selection-supported";
import { backupVaultEncrypted } from "./controls/backup-vault-encrypted";
import { backupVaultLock } from "./controls/backup-vault-lock";
import { backupVaultRestoreBreakGlass } from "./controls/backup-vault-restore-break-glass";
import { cloudtrailEnabled } from "./controls/cloudtrail-enabled";
import { cloudtrailTrailConfigured } from "./controls/cloudtrail-trail-configured";
import { chatbotChannelGuarded } from "./controls/chatbot-channel-guarded";
import { cloudwatchAlarmActions } from "./controls/cloudwatch-alarm-actions";
import { ec2Imdsv2 } from "./controls/ec2-imdsv2";
import { ec2VolumesEncrypted } from "./controls/ec2-volumes-encrypted";
import { ec2SecurityGroupNoPublicIngress } from "./controls/ec2-security-group-no-public-ingress";
import { ecsEfsVolumeSecured } from "./controls/ecs-efs-volume-secured";
import { ecsTaskLeastPrivilege } from "./controls/ecs-task-least-privilege";
import { ecsTaskLogging } from "./controls/ecs-task-logging";
import { efsEncrypted } from "./controls/efs-encrypted";
import { codebuildProjectSecured } from "./controls/codebuild-project-secured";
import { eksControlPlaneLogs } from "./controls/eks-control-plane-logs";
import { ecrRepositorySecure } from "./controls/ecr-repository-secure";
import { eksNetworkPolicyEnforced } from "./controls/eks-network-policy-enforced";
import { eksNodesEncryptInTransit } from "./controls/eks-nodes-encrypt-in-transit";
import { eksPrivateEndpoint } from "./controls/eks-private-endpoint";
import { eksSecretsEncryption } from "./controls/eks-secrets-encryption";
import { elasticacheAuth } from "./controls/elasticache-auth";
import { elasticacheEncryption } from "./controls/elasticache-encryption";
import { elasticacheFailover } from "./controls/elasticache-failover";
import { elasticacheRbac } from "./controls/elasticache-rbac";
import { elasticacheSnapshotRetention } from "./controls/elasticache-snapshot-retention";
import { guarddutyEnabled } from "./controls/guardduty-enabled";
import { iamBreakGlassRole } from "./controls/iam-break-glass-role";
import { iamNoInlinePolicy } from "./controls/iam-no-inline-policy";
import { iamNoUsers } from "./controls/iam-no-users";
import { iamNoWildcardActions } from "./controls/iam-no-wildcard-actions";
import { k8sContainerLimits } from "./controls/k8s-container-limits";
import { k8sDeploymentPdb } from "./controls/k8s-deployment-pdb";
import { k8sExporterHardened } from "./controls/k8s-exporter-hardened";
import { k8sGrafanaAuthenticated } from "./controls/k8s-grafana-authenticated";
import { k8sHpaMinReplicas } from "./controls/k8s-hpa-min-replicas";
import { k8sImagePinned } from "./controls/k8s-image-pinned";
import { k8sImageTrusted } from "./controls/k8s-image-trusted";
import { k8sIngressAlbSecure } from "./controls/k8s-ingress-alb-secure";
import { k8sNamespaceDefaultDeny } from "./controls/k8s-namespace-default-deny";
import { k8sPodNoHostAccess } from "./controls/k8s-pod-no-host-access";
import { k8sPodNoPrivilege } from "./controls/k8s-pod-no-privilege";
import { k8sPodNonRoot } from "./controls/k8s-pod-non-root";
import { k8sReadOnlyRootFilesystem } from "./controls/k8s-read-only-root-filesystem";
import { k8sRequiredLabels } from "./controls/k8s-required-labels";
import { k8sServiceLoadBalancerAnnotated } from "./controls/k8s-service-load-balancer-annotated";
import { iamNoWildcardOnPhi } from "./controls/iam-no-wildcard-on-phi";
import { jsonReadable } from "./controls/json-readable";
import { kmsKeyAdministration } from "./controls/kms-key-administration";
import { iamPrincipalsTrusted } from "./controls/iam-principals-trusted";
import { iamTrustMfaExternalId } from "./controls/iam-trust-mfa-external-id";
import { iamFederatedTrustScoped } from "./controls/iam-federated-trust-scoped";
import { grantsTrustedAccounts } from "./controls/grants-trusted-accounts";
import { awsProviderPinned } from "./controls/aws-provider-pinned";
import { s3PhiBackedUp } from "./controls/s3-phi-backed-up";
import { s3PhiLifecycleRetention } from "./controls/s3-phi-lifecycle-retention";
import { cloudtrailPhiDataEvents } from "./controls/cloudtrail-phi-data-events";
import { vpcNaclIsolatedClosed } from "./controls/vpc-nacl-isolated-closed";
import { kmsKeyRotation } from "./controls/kms-key-rotation";
import { lambdaConcurrencyDlq } from "./controls/lambda-concurrency-dlq";
import { lambdaInVpc } from "./controls/lambda-in-vpc";
import { lambdaPermissionScoped } from "./controls/lambda-permission-scoped";
import { logGroupEncrypted } from "./controls/log-group-encrypted";
import { logGroupRetention } from "./controls/log-group-retention";
import { rdsBackupEnabled } from "./controls/rds-backup-enabled";
import { rdsBackupSingleOwner } from "./controls/rds-backup-single-owner";
import { rdsObjectAudit } from "./controls/rds-object-audit";
import { rdsEnhancedMonitoring } from "./controls/rds-enhanced-monitoring";
import { rdsForceSsl } from "./controls/rds-force-ssl";
import { rdsIamAuth } from "./controls/rds-iam-auth";
import { rdsLogExports } from "./controls/rds-log-exports";
import { rdsMinorVersionUpgrade } from "./controls/rds-minor-version-upgrade";
import { rdsMultiAz } from "./controls/rds-multi-az";
import { rdsNotPublic } from "./controls/rds-not-public";
import { rdsStorageEncrypted } from "./controls/rds-storage-encrypted";
import { requiredTags } from "./controls/required-tags";
import { s3AccessLogging } from "./controls/s3-access-logging";
import { s3BackupObjectLock } from "./controls/s3-backup-object-lock";
import { s3KmsEncryption } from "./controls/s3-kms-encryption";
import { s3PhiAllowList } from "./controls/s3-phi-allow-list";
import { s3PublicAccessBlock } from "./controls/s3-public-access-block";
import { s3Replication } from "./controls/s3-replication";
import { s3TlsOnly } from "./controls/s3-tls-only";
import { s3Versioning } from "./controls/s3-versioning";
import { secretsmanagerCmk } from "./controls/secretsmanager-cmk";
import { secretsmanagerRotation } from "./controls/secretsmanager-rotation";
import { secretsmanagerRotationEnabled } from "./controls/secretsmanager-rotation-enabled";
import { snsTopicEncrypted } from "./controls/sns-topic-encrypted";
import { statefulDeletionProtection } from "./controls/stateful-deletion-protection";
import { statefulProtect } from "./controls/stateful-protect";
import { subnetNoPublicIp } from "./controls/subnet-no-public-ip";
import { vpcDefaultSecurityGroupClosed } from "./controls/vpc-default-security-group-closed";
import { vpcFlowLogs } from "./controls/vpc-flow-logs";
import { vpcIgwRoutePublicOnly } from "./controls/vpc-igw-route-public-only";
import { wafLogging } from "./controls/waf-logging";
import { wafRateLimited } from "./controls/waf-rate-limited";
import { accessAnalyzerEnabled } from "./controls/access-analyzer-enabled";
import { auditLogArchive } from "./controls/audit-log-archive";
import { phiLogsFenced } from "./controls/phi-logs-fenced";
import { s3MalwareProtection } from "./controls/s3-malware-protection";
import { securityFindingsRouted } from "./controls/security-findings-routed";
import { trailSecurityAlarms } from "./controls/trail-security-alarms";
import { wafCredentialsRedacted } from "./controls/waf-credentials-redacted";

export const PACK_NAME = "careplane-hipaa";

export const controls: Control[] = [
    requiredTags,
    k8sRequiredLabels,
    statefulDeletionProtection,
    statefulProtect,
    kmsKeyRotation,
    kmsKeyAdministration,
    vpcDefaultSecurityGroupClosed,
    vpcFlowLogs,
    vpcIgwRoutePublicOnly,
    subnetNoPublicIp,
    ec2Imdsv2,
    ec2VolumesEncrypted,
    ec2SecurityGroupNoPublicIngress,
    logGroupEncrypted,
    logGroupRetention,
    cloudtrailEnabled,
    cloudtrailTrailConfigured,
    guarddutyEnabled,
    trailSecurityAlarms,
    securityFindingsRouted,
    accessAnalyzerEnabled,
    s3MalwareProtection,
    auditLogArchive,
    phiLogsFenced,
    cloudwatchAlarmActions,
    snsTopicEncrypted,
    chatbotChannelGuarded,
    iamNoInlinePolicy,
    iamNoUsers,
    iamNoWildcardActions,
    rdsBackupEnabled,
    rdsBackupSingleOwner,
    rdsObjectAudit,
    rdsEnhancedMonitoring,
    rdsForceSsl,
    rdsIamAuth,
    rdsLogExports,
    rdsMinorVersionUpgrade,
    rdsMultiAz,
    rdsNotPublic,
    rdsStorageEncrypted,
    elasticacheAuth,
    elasticacheRbac,
    elasticacheEncryption,
    elasticacheFailover,
    elasticacheSnapshotRetention,
    efsEncrypted,
    codebuildProjectSecured,
    s3AccessLogging,
    s3BackupObjectLock,
    s3KmsEncryption,
    s3PhiAllowList,
    s3PublicAccessBlock,
    s3Replication,
    s3TlsOnly,
    s3Versioning,
    backupPhiStoresSelected,
    backupSelectionSupported,
    backupPlanFrequency,
    backupPlanRetention,
    backupVaultEncrypted,
    backupVaultLock,
    backupVaultRestoreBreakGlass,
    secretsmanagerCmk,
    secretsmanagerRotation,
    secretsmanagerRotationEnabled,
    lambdaConcurrencyDlq,
    lambdaInVpc,
    lambdaPermissionScoped,
    eksControlPlaneLogs,
    eksPrivateEndpoint,
    eksSecretsEncryption,
    eksNetworkPolicyEnforced,
    eksNodesEncryptInTransit,
    ecrRepositorySecure,
    k8sContainerLimits,
    k8sDeploymentPdb,
    k8sExporterHardened,
    k8sGrafanaAuthenticated,
    k8sHpaMinReplicas,
    k8sImagePinned,
    k8sImageTrusted,
    k8sIngressAlbSecure,
    k8sNamespaceDefaultDeny,
    k8sPodNoHostAccess,
    k8sPodNoPrivilege,
    k8sPodNonRoot,
    k8sReadOnlyRootFilesystem,
    k8sServiceLoadBalancerAnnotated,
    ecsTaskLeastPrivilege,
    ecsTaskLogging,
    ecsEfsVolumeSecured,
    albAccessLogs,
    albDeletionProtection,
    alwaysOnNotScheduledDown,
    albDropInvalidHeaders,
    albListenerHttps,
    albWaf,
    wafLogging,
    wafRateLimited,
    wafCredentialsRedacted,
    iamNoWildcardOnPhi,
    jsonReadable,
    iamBreakGlassRole,
    iamPrincipalsTrusted,
    iamTrustMfaExternalId,
    iamFederatedTrustScoped,
    grantsTrustedAccounts,
    awsProviderPinned,
    s3PhiBackedUp,
    s3PhiLifecycleRetention,
    cloudtrailPhiDataEvents,
    vpcNaclIsolatedClosed,
];

export const policies = controls.map((c) => c.policy);
