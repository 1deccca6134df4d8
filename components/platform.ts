import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Audit } from "./audit/audit";
import { trailArn } from "./audit/trail-name";
import { logReaderRoleNames, roleArn } from "./security/phi-log-access";
import { Backup } from "./backup/backup";
import { AnalyticsAccess } from "./access/analytics-role";
import { mergeSecretReaders } from "./security/secret-read-policies";
import { AdminAccess } from "./access/session-manager";
import { BreakGlass } from "./access/break-glass";
import { Cdn, CloudFrontOrigin } from "./edge/cdn";
import { StackConfig } from "./config/stack-config";
import { EksCluster } from "./compute/eks-cluster";
import { PlatformContext } from "./context";
import { buildDataTier } from "./data/data-tier";
import { Database } from "./data/database";
import { REDIS_EXPORTER_USER, REDIS_MONITORING_ENTRY } from "./data/service-secrets";
import { MONITORING_LOGIN_ENTRY } from "./data/database-roles";
import { analyticsEntry } from "./data/service-secrets";
import { DisasterRecoveryRegion } from "./backup/dr-region";
import { ecsClusterName, EcsPlatform } from "./compute/ecs";
import { FileStorage } from "./data/files";
import { EncryptionKeys } from "./security/keys";
import { DataRefreshKey } from "./security/data-refresh-key";
import { autoScalingServiceLinkedRole } from "./security/service-linked-roles";
import { cacheNodeIds } from "./monitoring/cloudwatch-alarms";
import { AlarmRoutes } from "./monitoring/alarm-routes";
import { RECEIVER_ENTRY, receiverEntryKeys } from "./monitoring/alertmanager-routing";
import { Monitoring } from "./monitoring/monitoring";
import { Network } from "./network/network";
import { GRAFANA_ENTRY } from "./config/schema/monitoring";
import { Storage } from "./storage/storage";
import { subnetCidr, SubnetTier } from "./network/subnets";
import { AccessLogTarget, Routing } from "./compute/ingress";
import { Workloads } from "./compute/workloads";
import { workloadsNamespace } from "./compute/namespaces";
import { ContainerLogs } from "./compute/container-logs";
import { CiRunner } from "./deployer/ci-runner";
import { AccountDefaults } from "./security/account-defaults";
import { MaintenanceWindows } from "./maintenance/maintenance-windows";
import { Secrets } from "./data/secrets";
import { GhcrPullThroughCache } from "./compute/pull-through-cache";
import { GHCR_CREDENTIAL_ENTRY, GHCR_CREDENTIAL_KEYS, ghcrCredentialName, pullThroughCacheRoleArn, usesGhcr } from "./compute/ghcr";
import { hostnameFailover } from "./failover/failover-record";
import { standbyNodes } from "./compute/capacity";
import { pilotLightReaders } from "./failover/pilot-light-readers";
import { BusinessHours } from "./uptime/business-hours";

/** Builds every area of the platform for one stack; index.ts exports what this returns. */
export function buildPlatform(config: StackConfig) {
    const context = PlatformContext.of(config);
    const routing = new Routing(context, {
        ingress: config.compute.ingress,
        services: config.services,
        certificateArn: config.compute.certificateArn,
        cdnOriginHostname: config.cdn.enabled ? config.cdn.originHostname : undefined,
    });
    const identity = aws.getCallerIdentityOutput();
    const partition = aws.getPartitionOutput().partition;
    // Images on ghcr.io come through the account's ECR pull-through cache, with its credential in Secrets Manager.
    const ghcr = usesGhcr(config.services);
    const ghcrCredential = ghcr ? ghcrCredentialName(context) : undefined;

    // EKS nodes' volumes use the data key, whose policy names Auto Scaling's service-linked role: the
    // stack owning the account's singletons creates it first (any platform: the account's EKS stacks need it).
    // A pilot light shares the account with its primary, which creates this global role.
    const pilotLight = config.dr.role === "pilot-light";
    const autoScalingRole = config.account.singletons && !pilotLight ? autoScalingServiceLinkedRole(context) : undefined;
    const keys = new EncryptionKeys("keys", {
        context,
        accountId: identity.accountId,
        partition,
        dependsOn: autoScalingRole && config.compute.platform === "eks" ? [autoScalingRole] : undefined,
        nodeVolumes: config.compute.platform === "eks",
        pullThroughCacheCredential: ghcrCredential,
        trailArn: config.audit.trail
            ? pulumi.all([partition, identity.accountId]).apply(([p, accountId]) => trailArn(context, p, accountId))
            : undefined,
    });
    const network = new Network("network", {
        context,
        logsKeyArn: keys.keys.logs.arn,
        accountId: identity.accountId,
        partition,
        config: config.network,
    });
    if (config.account.singletons) new AccountDefaults("account");
    // Where deploy, drift and the credentialed preview run: beside the workloads, inside the VPC [18.1].
    const runner =
        config.deployer.runner === "vpc"
            ? new CiRunner("deployer", {
                  context,
                  vpcId: network.vpcId,
                  appSubnetIds: network.subnetIds.app,
                  dataSubnetCidrs: tierCidrs(config, "data"),
                  logsKeyArn: keys.keys.logs.arn,
                  accountId: identity.accountId,
                  partition,
                  network,
                  repository: config.deployer.repository,
              })
            : undefined;
    const dr = config.backup.drRegion
        ? new DisasterRecoveryRegion("dr", {
              context,
              region: config.backup.drRegion,
              allowedAccountId: config.account.id,
              accountId: identity.accountId,
              partition,
              // Regional failover: the pilot light there reads the login, JWT and SMTP entries this stack replicates.
              secretReplicas: config.dr.role === "primary" && config.dr.failover !== undefined,
          })
        : undefined;
    // Logs that can hold PHI are read by these roles alone (the break-glass and auditor roles).
    const logReaderArns = pulumi
        .all([partition, identity.accountId])
        .apply(([p, accountId]) => logReaderRoleNames(context).map((name) => roleArn(p, accountId, name)));
    const storage = new Storage("storage", {
        context,
        dataKeyArn: keys.keys.data.arn,
        backupsKeyArn: keys.keys.backups.arn,
        accountId: identity.accountId,
        partition,
        dr,
        logReaderArns,
        backup: config.backup,
    });
    const accessLogs = { bucket: storage.accessLogs.name, prefix: storage.albAccessLogPrefix };
    const adminAccess = config.access.sessionManager
        ? new AdminAccess("access", {
              context,
              vpcId: network.vpcId,
              vpcCidr: config.network.cidr,
              appSubnetIds: network.subnetIds.app,
              logsKeyArn: keys.keys.logs.arn,
              accountId: identity.accountId,
              partition,
              idleTimeoutMinutes: config.access.idleTimeoutMinutes,
              ecsClusterName: config.compute.platform === "ecs" ? ecsClusterName(context) : undefined,
          })
        : undefined;
    const files = config.files.enabled
        ? new FileStorage("files", {
              context,
              vpcId: network.vpcId,
              subnetIds: network.subnetIds.data,
              clientSecurityGroupId: network.clientSecurityGroupIds.files,
              dataKeyArn: keys.keys.data.arn,
              policyWrittenByClients: config.compute.platform === "ecs",
              config: config.files,
          })
        : undefined;
    // Before compute (ECS services' deployment alarms notify through them) and before audit (its P1 security route).
    const alarmRoutes = new AlarmRoutes("alarms", {
        context,
        monitoring: config.monitoring,
        accountId: identity.accountId,
        partition,
    });
    // Before compute: behind CloudFront, the load balancer admits only CloudFront and its secret header.
    const cdn = config.cdn.enabled
        ? new Cdn("cdn", {
              context,
              config: config.cdn,
              hostnames: routing.routedHosts(),
              hostedZoneId: config.compute.ingress.hostedZoneId,
              logsKeyArn: keys.keys.logs.arn,
              allowedAccountId: config.account.id,
              accountId: identity.accountId,
              partition,
          })
        : undefined;
    // Regional failover [000: Disaster Recovery]: the load balancer answers Route 53's health check on the service's readiness path.
    // A pilot light's services connect to this region's replica, known once the data tier (built after compute) exists.
    const [localDatabase, resolveLocalDatabase] = pulumi.deferredOutput<{ host: string; readerHosts: string[] }>();
    const failover = config.dr.failover && {
        service: config.dr.failover.service,
        path: config.services[config.dr.failover.service].health.readiness.path,
    };
    const compute = buildCompute(context, config, {
        routing,
        keys,
        network,
        partition,
        accountId: identity.accountId,
        accessLogs,
        adminAccess,
        cdnOrigin: cdn?.origin,
        files,
        alarmRoutes,
        runner,
        anyHostPath: failover,
        standby: pilotLight,
        localDatabase: pilotLight ? localDatabase : undefined,
    });
    // Dev and test run in business hours [000]: their nodes or services scale to zero outside them.
    if (config.uptime.mode === "business-hours") {
        new BusinessHours("business-hours", {
            context,
            config: config.uptime,
            accountId: identity.accountId,
            partition,
            ...(compute.platform === "eks" ? { nodeGroup: compute.nodeGroup } : { services: compute.ecs.scalableTargets }),
        });
    }
    if (failover && compute.platform === "eks") {
        const { hostname, hostedZoneId } = config.compute.ingress;
        hostnameFailover({
            context,
            dr: config.dr,
            region: config.region,
            ingress: { hostname: hostname!, hostedZoneId: hostedZoneId! },
            readinessPath: failover.path,
            loadBalancerDnsName: compute.loadBalancerDnsName!,
        });
    }
    const analytics = new AnalyticsAccess("analytics", { context, accountId: identity.accountId, partition });
    if (Object.keys(config.maintenance.windows).length > 0) {
        new MaintenanceWindows("maintenance", { context, config: config.maintenance });
    }
    const data = buildDataTier(context, {
        keys,
        network,
        partition,
        accountId: identity.accountId,
        // Alertmanager runs in the cluster: ECS stacks alert through CloudWatch only.
        externalSecrets: {
            ...(config.compute.platform === "eks" ? { [RECEIVER_ENTRY]: receiverEntryKeys } : {}),
            ...(ghcrCredential ? { [GHCR_CREDENTIAL_ENTRY]: GHCR_CREDENTIAL_KEYS } : {}),
        },
        secretPhysicalNames: ghcrCredential ? { [GHCR_CREDENTIAL_ENTRY]: ghcrCredential } : undefined,
        logins: config.monitoring.grafana ? { [GRAFANA_ENTRY]: `${config.app}-admin` } : {},
        // People log in to PostgreSQL with IAM: the analyst through the analytics role, the DBA through the operator role.
        peopleRoles: { analyst: analytics.role, dba: adminAccess?.operatorRole },
        deployerSecurityGroupId: runner?.securityGroupId,
        config,
        vpcCidr: config.network.cidr,
        // Prometheus and its exporters run in the cluster: ECS stacks watch the data stores through CloudWatch alone.
        exporters: config.compute.platform === "eks",
        failover: config.dr.source
            ? { sourceDatabase: config.dr.source.database }
            : dr?.secretsKey && { replicaRegion: dr.region, replicaKeyArn: dr.secretsKey.arn },
    });
    resolveLocalDatabase(pulumi.output({ host: data.database.address, readerHosts: pulumi.all(data.database.instanceAddresses.slice(1)) }));
    const entry = (name: string) => ({
        name: data.secrets.names[name],
        arn: data.secrets.arns[name],
        ...(data.secrets.replicated.includes(name) ? { replicaKeyArn: config.dr.source?.secretsKey } : {}),
    });
    const pullThroughCache = ghcrCredential ? ghcrPullThroughCache(context, data.secrets, identity.accountId, partition) : undefined;
    const postgresqlLogs = Object.entries(data.database.postgresqlLogGroups);
    const audit = new Audit("audit", {
        context,
        accountId: identity.accountId,
        partition,
        logsKeyArn: keys.keys.logs.arn,
        dataKeyArn: keys.keys.data.arn,
        accessLogBucket: storage.accessLogs.name,
        phiBucketArns: [
            storage.documents.arn,
            storage.images.arn,
            storage.backups.arn,
            ...(storage.drBackups ? [storage.drBackups.arn] : []),
        ],
        uploadBuckets: [
            { key: "documents", name: storage.documents.name, arn: storage.documents.arn },
            { key: "images", name: storage.images.name, arn: storage.images.arn },
        ],
        phiLogGroups: [
            ...postgresqlLogs.map(([, group]) => group),
            data.cache.slowLogGroup,
            ...compute.phiLogGroups,
            ...(cdn?.phiLogGroups ?? []),
            ...(adminAccess ? [adminAccess.sessionLogGroup] : []),
        ],
        phiLogBucketArns: [storage.accessLogs.arn],
        archivedLogGroups: {
            ...Object.fromEntries(postgresqlLogs.map(([instance, group]) => [`database-${instance}`, group])),
            ...(compute.platform === "eks" ? { "eks-control-plane": compute.controlPlaneLogGroup } : {}),
            ...(adminAccess ? { "admin-sessions": adminAccess.sessionLogGroup } : {}),
        },
        readOnlyRoles: {
            analytics: analytics.role,
            ...(adminAccess ? { operator: adminAccess.operatorRole } : {}),
            ...(compute.platform === "eks" ? { "eks-operator": compute.operatorRole } : {}),
        },
        config: config.audit,
        ownsAccountSingletons: config.account.singletons,
        platform: config.compute.platform,
        backupRetentionDays: config.backup.retentionDays,
    });
    const monitoring = new Monitoring("monitoring", {
        context,
        config: config.monitoring,
        slaPercent: config.profile.slaPercent,
        routes: alarmRoutes,
        accountId: identity.accountId,
        partition,
        secretsKeyArn: keys.keys.secrets.arn,
        cluster:
            compute.platform === "eks"
                ? {
                      ...compute.cluster,
                      services: config.services,
                      routing,
                      kubernetesVersion: config.compute.kubernetesVersion,
                      multiAz: config.profile.multiAz,
                      receiverSecret: entry(RECEIVER_ENTRY),
                      grafanaSecret: config.monitoring.grafana ? entry(GRAFANA_ENTRY) : undefined,
                      exporters: {
                          dataSubnetCidrs: tierCidrs(config, "data"),
                          clientSecurityGroupIds: network.clientSecurityGroupIds,
                          database: {
                              instances: exportedInstances(data.database),
                              loginSecret: entry(MONITORING_LOGIN_ENTRY),
                              analyticsLoginSecret: data.database.analytics ? entry(analyticsEntry(MONITORING_LOGIN_ENTRY)) : undefined,
                          },
                          cache: {
                              identifier: data.cache.replicationGroupId,
                              address: data.cache.primaryEndpoint,
                              authSecret: entry(REDIS_MONITORING_ENTRY),
                              username: REDIS_EXPORTER_USER,
                          },
                      },
                  }
                : undefined,
        alarms: {
            database: {
                primaryId: data.database.instanceIdentifiers[0],
                replicaIds: data.database.instanceIdentifiers.slice(1),
                allocatedStorageGb: config.database.storageGb,
                analytics: data.database.analytics && {
                    id: data.database.analytics.identifier,
                    allocatedStorageGb: config.database.analytics.storageGb,
                },
            },
            cache: {
                nodeIds: cacheNodeIds(context.name("redis"), config.cache),
            },
            ecs:
                compute.platform === "ecs"
                    ? {
                          clusterName: compute.ecs.clusterName,
                          serviceNames: Object.keys(config.services),
                          loadBalancer: compute.ecs.loadBalancerDimension,
                          routed: compute.ecs.routed,
                      }
                    : undefined,
        },
        // Security findings, and secrets that failed to rotate or grew old: both notify like alarms of their severity.
        security: {
            alarms: [...audit.securityAlerts.alarms, ...data.rotationAlerts.alarms],
            events: [...audit.securityAlerts.events, ...data.rotationAlerts.events],
        },
    });
    const backup = new Backup("backup", {
        context,
        backupsKeyArn: keys.keys.backups.arn,
        partition,
        accountId: identity.accountId,
        pointInTimeRecoveryDays: config.database.backupRetentionDays,
        dr,
        config: config.backup,
        restoreNetwork: { vpcId: network.vpcId, dbSubnetGroupName: data.database.subnetGroupName },
    });

    // Prod's scrubbed snapshots reach staging and test under this key [000, 001: staging on anonymized prod data].
    const dataRefresh = config.dataRefresh
        ? new DataRefreshKey("data-refresh", { context, config: config.dataRefresh, accountId: identity.accountId, partition })
        : undefined;
    const breakGlass = new BreakGlass("break-glass", {
        context,
        accountId: identity.accountId,
        partition,
        keyArns: [
            ...Object.values(keys.keys).map((k) => k.arn),
            ...(dr ? [dr.backupsKey.arn] : []),
            ...(dr?.secretsKey ? [dr.secretsKey.arn] : []),
            ...(cdn?.edgeLogsKey ? [cdn.edgeLogsKey.arn] : []),
            alarmRoutes.keyArn,
            ...(dataRefresh ? [dataRefresh.arn] : []),
        ],
        bucketKeyArns: [keys.keys.data.arn, keys.keys.backups.arn, ...(dr ? [dr.backupsKey.arn] : [])],
        secretsKeyArn: keys.keys.secrets.arn,
        phiBucketArns: [storage.documents, storage.images, storage.backups, ...(storage.drBackups ? [storage.drBackups] : [])].map(
            (b) => b.arn,
        ),
        logBucketArns: [storage.accessLogs.arn],
        backupRoleArn: backup.roleArn,
        users: config.access.breakGlass.users,
        drRegion: config.backup.drRegion,
    });

    // Resource policies name who may enter, now that every role exists.
    storage.admit({
        applicationRoleArns: compute.applicationRoleArns,
        backupRoleArn: backup.roleArn,
        uploadScannerRoleArn: audit.uploadScannerRoleArn,
    });
    // Regional failover: the replicas carry these policies, so they also admit the pilot light's readers.
    const pilotLightReadsReplicas = dr?.secretsKey
        ? pilotLightReaders({
              pilotLight: PlatformContext.of({ ...config, region: dr.region, dr: { role: "pilot-light" } }),
              shared: data.replicatedEntries,
              services: config.services,
              partition,
              accountId: identity.accountId,
          })
        : {};
    data.secrets.admit(
        mergeSecretReaders(compute.secretReaders, monitoring.secretReaders, pullThroughCache?.secretReaders ?? {}, pilotLightReadsReplicas),
        data.rotators,
    );
    return {
        environment: config.environment,
        profile: {
            uptime: config.uptime.mode,
            slaPercent: config.profile.slaPercent,
            backupRetentionDays: config.backup.retentionDays,
            rpoHours: config.profile.rpoHours,
            rtoHours: config.profile.rtoHours,
        },
        vpcId: network.vpcId,
        subnetIds: network.subnetIds,
        compute: compute.outputs,
        /** The SNS topic of every alarm route (`p1-devops`, …): what pages whom. */
        alarmTopicArns: alarmRoutes.topicArns,
        /** Where the on-call owner stores the Alertmanager receivers' credentials (EKS stacks). */
        alertReceiverSecret: data.secrets.names[RECEIVER_ENTRY] ?? null,
        /** Where operators read Grafana's admin login, when the stack runs Grafana. */
        grafanaAdminSecret: data.secrets.names[GRAFANA_ENTRY] ?? null,
        keyArns: pulumi.output(Object.fromEntries(Object.entries(keys.keys).map(([c, k]) => [c, k.arn]))),
        ...data.outputs,
        buckets: {
            accessLogs: storage.accessLogs,
            albAccessLogPrefix: storage.albAccessLogPrefix,
            documents: storage.documents,
            images: storage.images,
            backups: storage.backups,
            drBackups: storage.drBackups,
        },
        backup: { drRegion: config.backup.drRegion, vaultArn: backup.vaultArn, drVaultArn: backup.drVaultArn, planId: backup.planId },
        analyticsRoleArn: analytics.roleArn,
        breakGlassRoleArn: breakGlass.roleArn,
        /** The key refresh.sh shares prod's scrubbed snapshots under (prod with careplane:dataRefresh). */
        ...(dataRefresh ? { dataRefreshKeyArn: dataRefresh.arn } : {}),
        /** The CodeBuild project whose runners the stack's CI jobs name in runs-on. */
        ciRunnerProject: runner?.projectName ?? null,
        ...(adminAccess
            ? { adminAccess: { operatorRoleArn: adminAccess.operatorRoleArn, sessionLogGroup: adminAccess.sessionLogGroupName } }
            : {}),
        ...(cdn ? { cdn: { distributionId: cdn.distributionId, domainName: cdn.domainName } } : {}),
        ...(files
            ? {
                  files: {
                      fileSystemId: files.fileSystemId,
                      accessPointArns: Object.fromEntries(Object.entries(files.accessPoints).map(([n, ap]) => [n, ap.arn])),
                  },
              }
            : {}),
    };
}

interface ComputeDeps {
    keys: EncryptionKeys;
    /** Where each routed service answers, and the listeners' certificate. */
    routing: Routing;
    /** Where load balancers write their access logs. */
    accessLogs: AccessLogTarget;
    network: Network;
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    /** Session Manager access, when the stack turns it on: ECS tasks then host logged ECS Exec sessions. */
    adminAccess?: AdminAccess;
    /** The stack's EFS file system, when careplane:files turns it on: ECS services mount its access points. */
    files?: FileStorage;
    /** CloudFront in front of the load balancer, when the stack turns it on. */
    cdnOrigin?: CloudFrontOrigin;
    /** Where alarms notify: ECS services' deployment alarms route here. */
    alarmRoutes: AlarmRoutes;
    /** The in-VPC CI runner, admitted to the Kubernetes API. */
    runner?: CiRunner;
    /** A readiness path the load balancer routes on any Host, for Route 53's health check. */
    anyHostPath?: { service: string; path: string };
    /** A pilot light runs its services at 0 replicas until the failover runbook scales them up. */
    standby: boolean;
    /** A pilot light's: its own database, which its services reach instead of the host the primary's entries name. */
    localDatabase?: pulumi.Output<{ host: string; readerHosts: string[] }>;
}

/**
 * The ghcr.io pull-through cache rule, once its credential exists; and who reads that credential: ECR's
 * pull-through cache role, which the entry's policy must admit like any reader.
 */
function ghcrPullThroughCache(
    context: PlatformContext,
    secrets: Secrets,
    accountId: pulumi.Output<string>,
    partition: pulumi.Output<string>,
) {
    const credential = secrets.entries.find((e) => e.entry === GHCR_CREDENTIAL_ENTRY)!;
    new GhcrPullThroughCache("registry", {
        context,
        credential: { arn: credential.arn, version: credential.version },
        accountId,
        partition,
    });
    const reader = pulumi.all([partition, accountId]).apply(([p, a]) => pullThroughCacheRoleArn({ partition: p, accountId: a }));
    return { secretReaders: { [credential.name]: [reader] } };
}

/** CIDR blocks of one subnet tier, one per AZ the network spans. */
/** The instances postgres_exporter scrapes, one exporter each: the primary, each replica and the analytics database. */
function exportedInstances(db: Database) {
    const instances = db.instanceIdentifiers.map((identifier, i) => ({
        role: i === 0 ? "primary" : `replica-${i}`,
        identifier,
        address: db.instanceAddresses[i],
        databaseName: db.databaseName,
    }));
    const analytics = db.analytics;
    if (analytics)
        instances.push({
            role: "analytics",
            identifier: analytics.identifier,
            address: analytics.address,
            databaseName: analytics.databaseName,
        });
    return instances;
}

function tierCidrs(config: StackConfig, tier: SubnetTier): string[] {
    return Array.from({ length: config.network.availabilityZones }, (_, i) => subnetCidr(config.network.cidr, tier, i));
}

/** The stack's compute platform, as `careplane:compute.platform` chooses. */
function buildCompute(context: PlatformContext, config: StackConfig, deps: ComputeDeps) {
    return config.compute.platform === "ecs" ? buildEcs(context, config, deps) : buildEks(context, config, deps);
}

function buildEks(context: PlatformContext, config: StackConfig, deps: ComputeDeps) {
    const { keys, network } = deps;
    const namespace = workloadsNamespace(context, config.compute.namespace);
    const cluster = new EksCluster("eks", {
        context,
        appSubnetIds: network.subnetIds.app,
        vpcId: network.vpcId,
        vpcCidr: config.network.cidr,
        accountId: deps.accountId,
        clusterKeyArn: keys.keys.cluster.arn,
        logsKeyArn: keys.keys.logs.arn,
        nodeVolumeKeyArn: keys.keys.data.arn,
        partition: deps.partition,
        deployerSecurityGroupId: deps.runner?.securityGroupId,
        config: config.compute,
        workloadsNamespace: namespace,
        multiAz: config.profile.multiAz,
        standbyNodes: deps.standby
            ? standbyNodes(
                  {
                      services: config.services,
                      nodes: config.compute.nodes,
                      multiAz: config.profile.multiAz,
                      grafana: config.monitoring.grafana,
                      postgresExporters: 1 + config.database.readReplicas,
                  },
                  config.network.availabilityZones,
              )
            : undefined,
        pullsFromGhcr: usesGhcr(config.services),
        businessHours: config.uptime.mode === "business-hours",
    });
    const workloads = new Workloads("workloads", {
        context,
        cluster,
        accountId: deps.accountId,
        partition: deps.partition,
        secretsKeyArn: keys.keys.secrets.arn,
        dataSubnetCidrs: tierCidrs(config, "data"),
        clientSecurityGroupIds: network.clientSecurityGroupIds,
        loadBalancerSubnetCidrs: { "internet-facing": tierCidrs(config, "public"), internal: tierCidrs(config, "app") },
        vpcCidr: config.network.cidr,
        logsKeyArn: keys.keys.logs.arn,
        accessLogs: deps.accessLogs,
        cdnOrigin: deps.cdnOrigin,
        services: config.services,
        routing: deps.routing,
        namespace,
        kubernetesVersion: config.compute.kubernetesVersion,
        analyticsDatabase: config.database.analytics.enabled,
        anyHostPath: deps.anyHostPath,
        standby: deps.standby,
        localDatabase: deps.localDatabase,
        replicaKeyArn: config.dr.source?.secretsKey,
    });
    const containerLogs = new ContainerLogs("container-logs", {
        context,
        provider: cluster.kubernetesProvider,
        oidcProviderArn: cluster.oidcProviderArn,
        oidcIssuerHost: cluster.oidcIssuerHost,
        namespace,
        logsKeyArn: keys.keys.logs.arn,
        admissionReady: cluster.admissionReady,
    });
    return {
        platform: "eks" as const,
        applicationRoleArns: workloads.applicationRoleArns,
        secretReaders: workloads.secretReaders,
        /** Logs that can hold PHI, for the audit area's fence. */
        phiLogGroups: [...workloads.phiLogGroups, containerLogs.logGroup],
        /** The API server's audit log, for the audit area's archive. */
        controlPlaneLogGroup: cluster.controlPlaneLogGroup,
        operatorRole: cluster.operatorRole,
        /** The node group the business-hours schedule scales. */
        nodeGroup: { clusterName: cluster.clusterName, ...cluster.nodeGroup },
        /** The stack's own load balancer, for the hostname's failover record. */
        loadBalancerDnsName: workloads.loadBalancerDnsName,
        /** For the monitoring component: it deploys its rules with this provider into this namespace. */
        kubernetesProvider: cluster.kubernetesProvider,
        namespace: workloads.namespace,
        /** ExternalSecret objects of other components depend on the operator's CRDs. */
        externalSecretsOperator: cluster.externalSecretsOperator,
        /** For the monitoring component: what it installs into the cluster, and where the rules go. */
        cluster: {
            provider: cluster.kubernetesProvider,
            namespace: workloads.namespace,
            oidcProviderArn: cluster.oidcProviderArn,
            oidcIssuerHost: cluster.oidcIssuerHost,
            externalSecretsOperator: cluster.externalSecretsOperator,
            admissionReady: cluster.admissionReady,
            clusterSecurityGroupId: cluster.clusterSecurityGroupId,
        },
        outputs: {
            platform: "eks",
            clusterName: cluster.clusterName,
            kubeconfig: cluster.kubeconfig,
            namespace: workloads.namespace,
            hostname: workloads.hostname,
        },
    };
}

function buildEcs(context: PlatformContext, config: StackConfig, deps: ComputeDeps) {
    const { keys, network } = deps;
    const ecs = new EcsPlatform("ecs", {
        context,
        vpcId: network.vpcId,
        vpcCidr: config.network.cidr,
        publicSubnetIds: network.subnetIds.public,
        appSubnetIds: network.subnetIds.app,
        clientSecurityGroupIds: network.clientSecurityGroupIds,
        logsKeyArn: keys.keys.logs.arn,
        secretsKeyArn: keys.keys.secrets.arn,
        accountId: deps.accountId,
        partition: deps.partition,
        accessLogs: deps.accessLogs,
        execute: deps.adminAccess && { logGroupName: deps.adminAccess.sessionLogGroupName, kmsKeyArn: keys.keys.logs.arn },
        files: deps.files,
        cdnOrigin: deps.cdnOrigin,
        alarmRoutes: deps.alarmRoutes,
        services: config.services,
        routing: deps.routing,
        analyticsDatabase: config.database.analytics.enabled,
        businessHours: config.uptime.mode === "business-hours",
    });
    return {
        platform: "ecs" as const,
        applicationRoleArns: ecs.applicationRoleArns,
        secretReaders: ecs.secretReaders,
        /** Logs that can hold PHI, for the audit area's fence. */
        phiLogGroups: ecs.phiLogGroups,
        /** For the monitoring component's CloudWatch alarms. */
        ecs,
        outputs: { platform: "ecs", clusterName: ecs.clusterName, loadBalancerDnsName: ecs.loadBalancerDnsName },
    };
}
