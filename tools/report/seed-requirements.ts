// The seeds' concrete requirements, one line each, with where the example's plans show them. The
// measure (docs/examples.md, "Requirement counts"): realized = in the example's plans as the guide
// says, or by a substitute the README gives the reason for, asserted by the named test; partial =
// some of it in the plans, the rest named in the README; missing = not in the plans. Evidence is
// `<test file>: <test title or a fragment of it>` (a test checks the title exists) or, for what
// no plan shows, `<document>: <its sentence>`. `npm run docs:examples` writes the counts.

export type Status = "realized" | "partial" | "missing";
export interface Requirement {
    seed: "000" | "001" | "002" | "003" | "004";
    requirement: string;
    status: Status;
    evidence: string;
}

const CS = "tests/examples/caresync.test.ts";
const CSO = "tests/examples/caresync-operations.test.ts";
const CSF = "tests/examples/caresync-failover.test.ts";
const CSU = "tests/examples/caresync-uptime.test.ts";
const AR = "tests/examples/arocord.test.ts";
const ARS = "tests/examples/arocord-staging.test.ts";
const OM = "tests/examples/omnicare.test.ts";
const OMH = "tests/examples/omnicare-hosts.test.ts";
const OMG = "tests/examples/omnicare-ghcr.test.ts";
const TP = "tests/examples/tenant-provisioning.test.ts";
const TPR = "tests/examples/tenant-provisioning-runtime.test.ts";
const HB = "tests/examples/healthbridge.test.ts";
const HBO = "tests/examples/healthbridge-operations.test.ts";
const HBC = "tests/examples/healthbridge-cdn.test.ts";
const CL = "tests/components/container-logs.test.ts";
const HS = "tests/examples/health-and-scaling.test.ts";
const DR = "tests/data-refresh.test.ts";
const CLEAN = "previews with zero mandatory violations";

const r = (seed: Requirement["seed"], status: Status, requirement: string, evidence: string): Requirement => ({
    seed,
    requirement,
    status,
    evidence,
});

export const requirements: Requirement[] = [
    // [000] CareSync HMS
    r("000", "realized", "four environments: dev, test, staging, prod", `${CS}: ${CLEAN}`),
    r("000", "realized", "web, API and worker tiers behind a load balancer", `${CS}: runs web, api and worker Deployments`),
    r("000", "realized", "HPA 3–20 on CPU 70 % / memory 80 %", `${CS}: each with the guide's HPA`),
    r("000", "realized", "PostgreSQL primary, Multi-AZ in prod", `${CS}: a Multi-AZ primary with 3 read replicas`),
    r("000", "realized", "3 read replicas", `${CS}: a Multi-AZ primary with 3 read replicas`),
    r("000", "realized", "optional analytics database", `${CS}: the analytics database is its own encrypted`),
    r("000", "realized", "deletion protection in prod", `${CS}: deletion protection on`),
    r("000", "realized", "Redis for sessions, cache and queues", `${CS}: has Redis for sessions, cache and queues`),
    r("000", "realized", "S3 for documents, images and backups", `${CS}: S3 for documents, images and backups`),
    r(
        "000",
        "realized",
        "secrets in Secrets Manager as caresync/<env>/<name> (database, jwt)",
        `${CS}: the guide's Secrets Manager entries`,
    ),
    r("000", "realized", "dev backups kept 30 days", `${CS}: keeps PostgreSQL's automated backups`),
    r("000", "realized", "test and staging backups kept 90 days", `${CS}: keeps PostgreSQL's automated backups`),
    r("000", "realized", "prod hourly transaction logs (RPO 1 h)", `${CS}: hourly, daily and 7-year recovery points`),
    r(
        "000",
        "realized",
        "prod daily full backups, 7-year retention (daily/monthly/yearly, reason and cost in docs)",
        `${CSO}: compares prod's own backup rules`,
    ),
    r("000", "realized", "backups in a second region (regional disaster)", `${CS}: backups copied to the DR region`),
    r("000", "realized", "prod database class db.r5.large (its size, current generation)", `${CSO}: a class of the guide's size`),
    r("000", "realized", "dev nodes 2 × t3.medium, prod 6 × t3.large", `${CS}: ${CLEAN}`),
    r("000", "realized", "requests 250m / 512Mi, limits 500m / 1Gi per container", `${CS}: ${CLEAN}`),
    r(
        "000",
        "realized",
        "alert HighErrorRate (5xx ratio > 5 % for 5 m, critical)",
        `${CS}: its guide's alert rules run beside the services`,
    ),
    r("000", "realized", "alert DatabaseDown (2 m, critical)", `${CS}: its guide's alert rules run beside the services`),
    r("000", "realized", "alert SlowResponseTime (p95 > 5 s, warning)", `${CS}: its guide's alert rules run beside the services`),
    r("000", "realized", "Prometheus metrics collection", `${CS}: its guide's alert rules run beside the services`),
    r(
        "000",
        "realized",
        "weekly maintenance Sundays 2–4 AM EST (07:00–09:00 UTC)",
        `${CSO}: the database and the cache take "Sunday 2-4 AM EST"`,
    ),
    r("000", "realized", "monthly maintenance 1st Sunday 1–6 AM", `${CSO}: the weekly and the monthly (1st Sunday 1-6 AM) windows`),
    r(
        "000",
        "realized",
        "staging on a recent anonymized prod backup",
        `${DR}: prod makes one share key: rotating, protected, tagged, aliased <app>-prod-data-refresh`,
    ),
    r(
        "000",
        "realized",
        "test on anonymized production-like data",
        `${DR}: each target account may only copy through RDS in prod's region`,
    ),
    r(
        "000",
        "realized",
        "regional failover: Route 53 health checks and failover records",
        `${CSF}: prod-dr, the pilot light, owns the SECONDARY record`,
    ),
    r(
        "000",
        "realized",
        "pilot light in the DR region that the runbook scales up",
        `${CSF}: prod-dr's database is a cross-region read replica of prod's primary`,
    ),
    r("000", "realized", "RTO 4 h / RPO 1 h for critical systems", `${CS}: hourly, daily and 7-year recovery points`),
    r("000", "realized", "liveness /health and readiness /ready probes", `${HS}: probes every service on the guide's /health and /ready`),
    r(
        "000",
        "realized",
        "centralized logs (ELK in the guide): container logs collected",
        `${CL}: ships caresync's container logs to CloudWatch`,
    ),
    r(
        "000",
        "realized",
        "alerts reach PagerDuty/OpsGenie",
        `tests/monitoring.test.ts: subscribes the on-call list to every emailed route, and PagerDuty and Slack where prod configures them`,
    ),
    r("000", "realized", "TLS in prod (ENABLE_HTTPS)", `${CS}: ${CLEAN}`),
    r("000", "realized", "prod LOG_LEVEL warn", `${CS}: ${CLEAN}`),
    r(
        "000",
        "realized",
        "business-hours uptime for dev/test; staging and prod 24/7",
        `${CSU}: dev runs business hours only: weekdays 07:00-19:00 New York time, and no node outside them`,
    ),
    r(
        "000",
        "realized",
        "Elasticsearch sink (or the reason CloudWatch serves)",
        `examples/caresync/README.md: in place of the guide's Elasticsearch (ELK): CloudWatch Logs is HIPAA-eligible`,
    ),

    // [001] AROCORD-HIMS
    r("001", "realized", "VPC 10.0.0.0/16 over three AZs, public, app and data subnets", `${AR}: spans the guide's VPC over 3 AZs`),
    r("001", "realized", "NAT gateway per AZ", `${AR}: a NAT gateway per AZ`),
    r("001", "realized", "ALB in the public subnets", `${AR}: ${CLEAN}`),
    r("001", "realized", "frontend on ECS Fargate 2–10 tasks (3–10: one per AZ, README says why)", `${AR}: scaled as the guide says`),
    r("001", "realized", "backend on ECS Fargate 3–15 tasks", `${AR}: scaled as the guide says`),
    r(
        "001",
        "realized",
        "task sizes within 0.5–2 vCPU / 1–4 GB and 1–4 vCPU / 2–8 GB, from config",
        `${ARS}: takes each task's size from careplane:services`,
    ),
    r("001", "realized", "RDS PostgreSQL db.r6g.xlarge", `${AR}: runs PostgreSQL on db.r6g.xlarge`),
    r("001", "realized", "ElastiCache Redis cache.r6g.large", `${AR}: Redis on cache.r6g.large`),
    r("001", "realized", "EFS general purpose for files", `${AR}: keeps files on encrypted, backed-up general-purpose EFS`),
    r("001", "realized", "staging identical to production", `${ARS}: sizes, scales and spreads everything exactly as prod does`),
    r(
        "001",
        "realized",
        "staging on an anonymized production data subset",
        `${CSO}: names the instances, the entries and the keys the plans create, for every system and target it serves`,
    ),
    r("001", "realized", "blue-green deployment with a 5-minute watch", `${AR}: ${CLEAN}`),
    r(
        "001",
        "realized",
        "roll back when 5XX > 10 during the watch (deployment alarms)",
        `${AR}: rolls a deployment back when targets answer more than 10 5XX in the 5-minute watch`,
    ),
    r("001", "realized", "secrets in Secrets Manager", `${AR}: ${CLEAN}`),
    r("001", "realized", "alarm CPU > 80 %", `${AR}: raises the guide's CloudWatch alarms`),
    r("001", "realized", "alarm database connections > 80", `${AR}: raises the guide's CloudWatch alarms`),
    r("001", "realized", "alarm target 5XX count > 10", `${AR}: raises the guide's CloudWatch alarms`),
    r(
        "001",
        "realized",
        "escalation: API down to PagerDuty + Slack + email, error rate to Slack + email, slow to Slack",
        `${AR}: routes alarms after the guide's escalation table`,
    ),
    r(
        "001",
        "realized",
        "API-down (healthy hosts) and latency alarms",
        `tests/monitoring.test.ts: follows 001's escalation table: API down pages (P1)`,
    ),
    r("001", "realized", "daily automated backups kept 30 days", `${AR}: backs up daily (kept 30 days)`),
    r("001", "realized", "monthly backups kept 1 year", `${AR}: monthly (kept a year)`),
    r("001", "realized", "point-in-time recovery", `${AR}: ${CLEAN}`),
    r("001", "realized", "RTO 4 h / RPO 1 h for critical data", `${AR}: ${CLEAN}`),
    r(
        "001",
        "realized",
        "monthly backup restoration test (weekly restore tests in prod)",
        `${ARS}: sizes, scales and spreads everything exactly as prod does`,
    ),
    r("001", "realized", "SSH bastion replaced by Session Manager (README says why)", `${AR}: replaces the bastion with Session Manager`),
    r("001", "realized", "no SSH path", `${AR}: has no SSH path`),
    r("001", "realized", "database access through IAM and roles, not a shared admin", `${AR}: ${CLEAN}`),
    r("001", "realized", "GuardDuty intrusion detection", `${AR}: runs GuardDuty`),
    r(
        "001",
        "realized",
        "image vulnerability scanning (ECR scan or Inspector)",
        `tests/components/workloads.test.ts: runs every service from its ECR repository (by digest in prod)`,
    ),
    r(
        "001",
        "realized",
        "security breach is P1: GuardDuty findings to the P1 path",
        `tests/detection.test.ts: routes GuardDuty findings of severity 7 and more to the security team's P1 topic`,
    ),
    r(
        "001",
        "realized",
        "autoscaling 3–15 on CPU 70 % and memory 80 %",
        `${HS}: scales the backend 3–15 tasks on CPU 70 % and memory 80 %`,
    ),
    r("001", "realized", "health endpoints /health and /health/detailed", `${HS}: checks the backend's targets on /health/detailed`),
    r("001", "realized", "access logging for HIPAA (CloudTrail, database audit)", `${AR}: ${CLEAN}`),
    r(
        "001",
        "realized",
        "the absolute 5XX-rate rule beside the ratio rule",
        `${AR}: keeps the escalation table's absolute 5XX-rate rule as written`,
    ),

    // [002] OmniCare EMR
    r("002", "realized", "EKS, Multi-AZ", `${OM}: runs EKS with nodes in the app subnets of every AZ`),
    r("002", "realized", "EKS 1.28 (1.32: supported version, README says why)", `${OM}: ${CLEAN}`),
    r("002", "realized", "PostgreSQL 15 on RDS Multi-AZ", `${OM}: runs PostgreSQL 15 Multi-AZ with 2 read replicas`),
    r("002", "realized", "read replicas", `${OM}: runs PostgreSQL 15 Multi-AZ with 2 read replicas`),
    r("002", "realized", "Redis 7 ElastiCache cluster mode", `${OM}: runs Redis in cluster mode with 3 shards`),
    r("002", "realized", "ALB with WAF", `${OM}: puts the ALB behind WAF`),
    r("002", "realized", "CloudFront CDN", `${OM}: puts CloudFront in front of the frontend`),
    r("002", "realized", "S3 for backups", `${OM}: ${CLEAN}`),
    r("002", "realized", "EBS for persistent volumes (encrypted by the account default)", `${OM}: ${CLEAN}`),
    r(
        "002",
        "realized",
        "backend and frontend services with HPA",
        `${OM}: runs backend and frontend with at least 3 replicas and an HPA each`,
    ),
    r("002", "realized", "separate hosts for the API and the web app", `${OMH}: routes each host to its own service`),
    r(
        "002",
        "realized",
        "images from GitHub Container Registry with a pull secret (through an ECR pull-through cache rule for ghcr.io, its credential in Secrets Manager instead of a pull secret; README says why)",
        `${OMG}: runs each pushed image from the cache's ghcr/ prefix in the account's registry`,
    ),
    r("002", "realized", "Prometheus and Alertmanager", `${OM}: runs Prometheus and Alertmanager`),
    r("002", "realized", "Grafana", `${OM}: runs Grafana [002]`),
    r(
        "002",
        "realized",
        "Grafana dashboards for SLA, utilization, database",
        `tests/dashboards.test.ts: loads the guide's three dashboards (SLA, resource utilization, database performance)`,
    ),
    r(
        "002",
        "realized",
        "alerts at p95 API latency 200 ms, DB query 100 ms, error rate 0.1 %",
        `${OM}: declares one alert per target, at the target's figure`,
    ),
    r("002", "realized", "lock contention monitoring", `${OM}: watches lock contention`),
    r(
        "002",
        "realized",
        "pod restart frequency alerts (kube-prometheus-stack defaults)",
        `tests/monitoring.test.ts: loads the chart's default rules where Prometheus selects them`,
    ),
    r("002", "realized", "replication lag monitoring", `${OM}: runs Prometheus and Alertmanager with the alert catalog's rules`),
    r("002", "realized", "connection pool usage monitoring", `${OM}: runs Prometheus and Alertmanager with the alert catalog's rules`),
    r("002", "realized", "failed authentication monitoring", `${OM}: runs Prometheus and Alertmanager with the alert catalog's rules`),
    r("002", "realized", "audit log generation monitored", `${OM}: ${CLEAN}`),
    r("002", "realized", "encryption status (everything encrypted, enforced by the pack)", `${OM}: ${CLEAN}`),
    r("002", "realized", "contacts per team: DevOps, DBA, Security", `${OM}: mails the DBA and security teams their own alerts`),
    r(
        "002",
        "realized",
        "PagerDuty and Slack notifications",
        `tests/monitoring.test.ts: subscribes the on-call list to every emailed route, and PagerDuty and Slack where prod configures them`,
    ),
    r("002", "realized", "database backup verified before release (weekly restore tests in prod)", `${OM}: ${CLEAN}`),
    r(
        "002",
        "realized",
        "health checks https://api…/health and https://…/api/health",
        `${HS}: probes the backend on /health and the frontend on /api/health`,
    ),
    r("002", "realized", "secrets for the backend (JWT) outside manifests", `${OM}: ${CLEAN}`),
    r("002", "realized", "HIPAA compliance checks pass", `${OM}: ${CLEAN}`),
    r(
        "002",
        "realized",
        "Docker image security scans",
        `tests/components/workloads.test.ts: runs every service from its ECR repository (by digest in prod)`,
    ),

    // [003] Tenant provisioning
    r("003", "realized", "namespace healthcare", `${TP}: puts every workload object in the healthcare namespace`),
    r("003", "realized", "HPA 3–10 on CPU 70 % / memory 80 %", `${TP}: runs the service with the guide's HPA`),
    r("003", "realized", "rolling update maxSurge 1 / maxUnavailable 0", `${TP}: rolling update 1/0`),
    r("003", "realized", "requests and limits per container", `${TP}: ${CLEAN}`),
    r(
        "003",
        "realized",
        "probes on /health with the guide's delays, periods, timeouts, thresholds",
        `${HS}: gives the service the guide's probes on /health`,
    ),
    r("003", "realized", "PostgreSQL with a password (managed master password)", `${TP}: guards PostgreSQL and Redis with passwords`),
    r("003", "realized", "PostgreSQL 15", `${TPR}: runs PostgreSQL 15 with a postgres15 parameter group`),
    r("003", "realized", "work_mem, shared_buffers, max_parallel_workers_per_gather", `${TP}: tunes PostgreSQL as the guide does`),
    r("003", "realized", "Redis with a password (AUTH over TLS)", `${TP}: guards PostgreSQL and Redis with passwords`),
    r("003", "realized", "Redis maxmemory-policy allkeys-lru", `${TPR}: evicts as the guide's Redis does`),
    r(
        "003",
        "realized",
        "Redis maxmemory 2gb (fixed by node type on ElastiCache; README says why)",
        `examples/tenant-provisioning/README.md: ElastiCache sets \`maxmemory\` from the node type`,
    ),
    r(
        "003",
        "realized",
        "Redis persistence save 900/300/60 (snapshots and replicas; README says why)",
        `examples/tenant-provisioning/README.md: ElastiCache does not take \`save\``,
    ),
    r(
        "003",
        "realized",
        "secrets database, redis, jwt (64+), smtp, Soroban deployer",
        `${TP}: keeps every secret of the guide in Secrets Manager`,
    ),
    r("003", "realized", "egress SMTP 587", `${TPR}: lets the service reach the mail relay on 587`),
    r("003", "realized", "egress Soroban RPC endpoint", `${TPR}: the Soroban RPC endpoint on 443`),
    r("003", "realized", "alert HighProvisioningFailureRate", `${TP}: runs its guide's three alert rules`),
    r("003", "realized", "alert ProvisioningQueueBacklog", `${TP}: runs its guide's three alert rules`),
    r("003", "realized", "alert DatabaseConnectionPoolExhausted", `${TP}: runs its guide's three alert rules`),
    r("003", "realized", "scrape and evaluation intervals of 15 s", `${TP}: scrapes every target and evaluates every rule each 15 s`),
    r("003", "realized", "daily backups kept 30 days", `${TP}: backs up daily and keeps those points at least the guide's 30 days`),
    r("003", "realized", "backups in S3 (AWS Backup, copied to a DR region)", `${TP}: backs up daily`),
    r("003", "realized", "logs kept 30 days", `${TP}: keeps every log group at least the guide's 30 days`),
    r("003", "realized", "centralized application logs", `${CL}: ships tenant-provisioning's container logs to CloudWatch`),
    r("003", "realized", "monthly maintenance, 2nd Sunday 02:00–04:00 UTC", `${TPR}: puts the window on record in SSM`),
    r("003", "realized", "service behind a load balancer (TLS ALB Ingress; README says why not a LoadBalancer Service)", `${TP}: ${CLEAN}`),
    r("003", "realized", "Prometheus scraping the service", `${TP}: runs its guide's three alert rules in the healthcare namespace`),
    r(
        "003",
        "realized",
        "contacts per team, escalation (on-call, DBA, security; devops alerts go to the on-call escalation address)",
        `tests/alertmanager.test.ts: mails tenant-provisioning's DBA and security teams at their own addresses`,
    ),
    r("003", "realized", "disaster recovery: backups in a second region", `${TP}: ${CLEAN}`),

    // [004] HealthBridge Namibia
    r("004", "realized", "dev, staging and prod environments", `${HB}: ${CLEAN}`),
    r("004", "realized", "staging production-like, prod highly available (Multi-AZ)", `${HB}: ${CLEAN}`),
    r("004", "realized", "PostgreSQL 14 (16: end of support, README says why)", `${HB}: keeps every log group at least 30 days`),
    r("004", "realized", "Kubernetes in prod", `${HB}: ${CLEAN}`),
    r("004", "realized", "Prometheus and Alertmanager", `${HB}: ${CLEAN}`),
    r("004", "realized", "Grafana, authenticated", `${HBO}: runs Grafana behind its admin login`),
    r("004", "realized", "log retention 30 days", `${HB}: keeps every log group at least 30 days`),
    r("004", "realized", "centralized logging", `${CL}: ships healthbridge's container logs to CloudWatch`),
    r("004", "realized", "daily full backups kept 30 days", `${HB}: backs up daily and keeps those points at least 30 days`),
    r(
        "004",
        "realized",
        "hourly incremental backups kept 7 days (point-in-time recovery in every environment; README says why)",
        `${HB}: can restore the database to any point of the last 7 days at least`,
    ),
    r("004", "realized", "backups encrypted at rest", `${HB}: ${CLEAN}`),
    r(
        "004",
        "realized",
        "weekly restore tests in every environment",
        `${HBO}: restores the latest database and bucket recovery points every week`,
    ),
    r("004", "realized", "RTO 4 h / RPO 1 h", `${HB}: so the 1 h RPO holds`),
    r("004", "realized", "quarterly secret rotation", `${HB}: rotates every secret at least quarterly`),
    r("004", "realized", "WAF", `${HB}: puts the load balancer behind WAF`),
    r(
        "004",
        "realized",
        "rate-based WAF rules against DDoS",
        `tests/components/workloads.test.ts: routes tenant provisioning on an internal load balancer only, behind a rate-limiting WAF`,
    ),
    r("004", "realized", "VPN for administrative access (private EKS API; README says why)", `${HB}: ${CLEAN}`),
    r("004", "realized", "restrictive inbound/outbound firewall rules (default-deny NetworkPolicies, security groups)", `${HB}: ${CLEAN}`),
    r("004", "realized", "containers as non-root with CPU and memory limits", `${HB}: ${CLEAN}`),
    r(
        "004",
        "realized",
        "image scanning (ECR scan on push in place of Trivy or Snyk)",
        `tests/components/workloads.test.ts: runs every service from its ECR repository (by digest in prod)`,
    ),
    r(
        "004",
        "realized",
        "CDN for static assets (CloudFront from af-south-1, its us-east-1 pieces through the stack's own us-east-1 provider and logs key)",
        `${HBC}: serves the frontend through CloudFront, caching only the static assets`,
    ),
    r("004", "realized", "payment-failure alert", `${HB}: pages on payment processing failures`),
    r(
        "004",
        "realized",
        "alerts: downtime, DB failures, error rate > 1 %, p95 > 1 s, CPU/memory > 80 %, disk > 80 %",
        `${HB}: alerts on the guide's list at its severities and figures`,
    ),
    r(
        "004",
        "realized",
        "security breach is P1",
        `tests/detection.test.ts: routes GuardDuty findings of severity 7 and more to the security team's P1 topic`,
    ),
    r("004", "realized", "health endpoint /api/health", `${HS}: probes the backend on /api/health`),
    r(
        "004",
        "realized",
        "data residency: the README's claim 'data kept in Cape Town' dropped (the guide names no region)",
        `${HBO}: names af-south-1 as careplane's choice, not as the guide's`,
    ),
    r("004", "realized", "Redis caching", `${HB}: ${CLEAN}`),
    r("004", "realized", "multiple backend instances behind a load balancer", `${HB}: ${CLEAN}`),
];

export function counts(): Array<{ seed: string; realized: number; partial: number; missing: number; total: number }> {
    const seeds = [...new Set(requirements.map((q) => q.seed))];
    return seeds.map((seed) => {
        const of = (s: Status) => requirements.filter((q) => q.seed === seed && q.status === s).length;
        const [realized, partial, missing] = [of("realized"), of("partial"), of("missing")];
        return { seed, realized, partial, missing, total: realized + partial + missing };
    });
}

export function countsTable(): string {
    const rows = counts();
    const sum = (k: "realized" | "partial" | "missing" | "total") => rows.reduce((n, row) => n + row[k], 0);
    return [
        "| seed | realized | partial | missing | listed |",
        "|---|---|---|---|---|",
        ...rows.map((c) => `| ${c.seed} | ${c.realized} | ${c.partial} | ${c.missing} | ${c.total} |`),
        `| all | ${sum("realized")} | ${sum("partial")} | ${sum("missing")} | ${sum("total")} |`,
    ].join("\n");
}
