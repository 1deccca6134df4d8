import { ObjectMeta } from "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta";
import { expect } from "chai";
import { X509Certificate } from "crypto";
import { Deployment } from "kubernetes-models/apps/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Namespace, Service, ServiceAccount } from "kubernetes-models/v1";
import { parseStackConfig } from "../../components/config/stack-config";
import { RDS_CA_CONFIG_MAP, RDS_CA_FILE_NAME, rdsRootCaSubject } from "../../components/data/rds-ca";
import { profiles } from "../../components/config/profiles";
import { subnetCidr } from "../../components/network/subnets";
import { Plan } from "../../tools/engine/plan";
import { allows } from "../support/iam";
import { ofType, planOf, STACKS, stackFile } from "../support/engine";

/** Every built-in kind the program declares, with its Kubernetes API schema model. */
const models: Record<string, new (data: any) => { validate(): void }> = {
    "kubernetes:core/v1:Namespace": Namespace,
    "kubernetes:core/v1:ServiceAccount": ServiceAccount,
    "kubernetes:core/v1:ConfigMap": ConfigMap,
    "kubernetes:core/v1:Service": Service,
    "kubernetes:apps/v1:Deployment": Deployment,
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": HorizontalPodAutoscaler,
    "kubernetes:policy/v1:PodDisruptionBudget": PodDisruptionBudget,
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
    "kubernetes:networking.k8s.io/v1:Ingress": Ingress,
};
/** External Secrets Operator kinds: not in kubernetes-models, so only their metadata has a schema there. */
const customKinds = [
    "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy",
    "kubernetes:cert-manager.io/v1:Issuer",
    "kubernetes:cert-manager.io/v1:Certificate",
    "kubernetes:external-secrets.io/v1:SecretStore",
    "kubernetes:external-secrets.io/v1:ExternalSecret",
    "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
];
/** Pulumi resources of the Kubernetes provider that are not Kubernetes objects. */
const notObjects = ["kubernetes:helm.sh/v3:Release"];

const k8sObjects = (plan: Plan) => plan.resources.filter((r) => r.type.startsWith("kubernetes:") && !notObjects.includes(r.type));
const byName = (plan: Plan, type: string) =>
    new Map(ofType(plan, type).map((r) => [(r.inputs as any).metadata.name as string, r.inputs as any]));

/** The four services every stack file runs: seed 000's tiers and seed 003's tenant-provisioning. */
const serviceNames = ["web", "api", "worker", "tenant-provisioning"];

/** Autoscaling ranges from the seeds: prod api 3–20 [000]; tenant-provisioning 3–10 [003]. */
function expectedRange(stack: string, service: string) {
    if (stack === "prod" && service === "api") return { min: 3, max: 20 };
    if (stack === "prod" && service === "tenant-provisioning") return { min: 3, max: 10 };
    const tier = service === "tenant-provisioning" ? "api" : (service as "web" | "api" | "worker");
    return profiles[stack as keyof typeof profiles].replicas[tier];
}

/** Seed 000's probes for its tiers; seed 003's for tenant-provisioning, which serves no /ready. */
function expectedProbes(service: string) {
    if (service === "tenant-provisioning") {
        return {
            liveness: {
                httpGet: { path: "/health", port: "http" },
                initialDelaySeconds: 30,
                periodSeconds: 10,
                timeoutSeconds: 5,
                failureThreshold: 3,
            },
            readiness: {
                httpGet: { path: "/health", port: "http" },
                initialDelaySeconds: 10,
                periodSeconds: 5,
                timeoutSeconds: 3,
                failureThreshold: 3,
            },
        };
    }
    return {
        liveness: { httpGet: { path: "/health", port: "http" }, initialDelaySeconds: 30, periodSeconds: 10 },
        readiness: { httpGet: { path: "/ready", port: "http" }, initialDelaySeconds: 5, periodSeconds: 5 },
    };
}

describe("Kubernetes workloads", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("declares only objects that validate against the Kubernetes API schema", async () => {
                const objects = k8sObjects(await planOf(stack));
                // Namespace, default-deny, allow-dns, the sidecars' Issuer, the RDS CA ConfigMap, two Ingresses (internet-facing, internal);
                // per service SA, ConfigMap, Deployment, Service, HPA, PDB, NetworkPolicy; SecretStore, ExternalSecret
                // and SecurityGroupPolicy for the three services with secrets (each reaches a data store); the TLS
                // proxy's ConfigMap and Certificate for the three routed services.
                const ofWorkloads = objects.filter((r) => r.urn.includes("careplane:workloads:Workloads$"));
                expect(ofWorkloads).to.have.length(7 + 7 * serviceNames.length + 3 * 3 + 2 * 3);
                for (const r of objects) {
                    const model = models[r.type];
                    if (model) {
                        expect(() => new model(r.inputs).validate(), `${r.type} ${r.name}`).to.not.throw();
                    } else {
                        expect(customKinds, `${r.type} has no schema model`).to.include(r.type);
                        expect(() => new ObjectMeta((r.inputs as any).metadata).validate(), r.name).to.not.throw();
                    }
                    const labels = (r.inputs as any).metadata.labels;
                    expect(labels?.environment, `${r.name} environment label`).to.equal(stack);
                    expect(["phi", "confidential", "internal"], `${r.name} data-classification label`).to.include(
                        labels["data-classification"],
                    );
                }
            });

            it("runs every service from its ECR repository (by digest in prod), non-root on a read-only root with no capabilities, probed and limited", async () => {
                const plan = await planOf(stack);
                const deployments = byName(plan, "kubernetes:apps/v1:Deployment");
                expect([...deployments.keys()]).to.have.members(serviceNames);
                const cfg = parseStackConfig(stackFile(stack).config, stack);
                for (const [name, d] of deployments) {
                    const pod = d.spec.template.spec;
                    expect(pod.securityContext.runAsNonRoot, name).to.equal(true);
                    expect(pod.securityContext.seccompProfile.type).to.equal("RuntimeDefault");
                    expect(pod.containers.map((c: any) => c.name)).to.deep.equal(name === "worker" ? [name] : [name, "tls-proxy"]);
                    const [c] = pod.containers;
                    const svc = cfg.services[name];
                    const repository = `${plan.deployment!.accountId}.dkr.ecr.us-east-1.amazonaws.com/${svc.image}`;
                    expect(c.image, name).to.equal(
                        stack === "prod" ? `${repository}:${svc.tag}@${svc.digest}` : `${repository}:${svc.tag}`,
                    );
                    expect(c.image.endsWith(":latest")).to.equal(false);
                    // The repository the image comes from: created with the stack, tags immutable, scanned on push.
                    const repo = ofType(plan, "aws:ecr/repository:Repository").find((r) => (r.inputs as any).name === svc.image)!;
                    expect(repo.inputs).to.deep.include({
                        imageTagMutability: "IMMUTABLE",
                        imageScanningConfiguration: { scanOnPush: true },
                    });
                    expect(c.securityContext).to.include({
                        runAsNonRoot: true,
                        readOnlyRootFilesystem: true,
                        allowPrivilegeEscalation: false,
                    });
                    expect(c.securityContext.capabilities.drop).to.deep.equal(["ALL"]);
                    expect(c.securityContext.seccompProfile.type).to.equal("RuntimeDefault");
                    expect(c.resources).to.deep.equal({
                        requests: { cpu: "250m", memory: "512Mi" },
                        limits: { cpu: "500m", memory: "1Gi" },
                    });
                    expect(c.livenessProbe, name).to.deep.equal(expectedProbes(name).liveness);
                    expect(c.readinessProbe, name).to.deep.equal(expectedProbes(name).readiness);
                    expect(d.spec.strategy).to.deep.equal({ type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
                }
            });

            it("scales each service on cpu 70 % and memory 80 % within its environment's range, and keeps all but one pod through disruptions", async () => {
                const plan = await planOf(stack);
                const hpas = byName(plan, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler");
                const pdbs = byName(plan, "kubernetes:policy/v1:PodDisruptionBudget");
                const deployments = byName(plan, "kubernetes:apps/v1:Deployment");
                for (const name of serviceNames) {
                    const hpa = hpas.get(name);
                    const { min, max } = expectedRange(stack, name);
                    expect({ min: hpa.spec.minReplicas, max: hpa.spec.maxReplicas }, name).to.deep.equal({ min, max });
                    expect(hpa.spec.scaleTargetRef).to.deep.equal({ apiVersion: "apps/v1", kind: "Deployment", name });
                    const targets = Object.fromEntries(
                        hpa.spec.metrics.map((m: any) => [m.resource.name, m.resource.target.averageUtilization]),
                    );
                    expect(targets).to.deep.equal({ cpu: 70, memory: 80 });
                    const pdb = pdbs.get(name);
                    expect(pdb.spec.maxUnavailable).to.equal(1);
                    expect(pdb.spec.selector.matchLabels).to.deep.equal(deployments.get(name).spec.selector.matchLabels);
                }
            });

            it("denies all traffic by default and allows DNS, load-balancer ingress to web and api, and the data tier to api and worker", async () => {
                const plan = await planOf(stack);
                const policies = byName(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
                const deny = policies.get("default-deny");
                expect(deny.spec).to.deep.equal({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
                const dns = policies.get("allow-dns").spec.egress[0];
                expect(dns.ports).to.deep.equal([
                    { protocol: "UDP", port: 53 },
                    { protocol: "TCP", port: 53 },
                ]);

                const cfg = parseStackConfig(stackFile(stack).config, `Pulumi.${stack}.yaml`);
                const cidrs = (tier: "public" | "data") =>
                    Array.from({ length: cfg.network.availabilityZones }, (_, i) => subnetCidr(cfg.network.cidr, tier, i));
                const dataEgress = (name: string) =>
                    policies
                        .get(`${name}-traffic`)
                        .spec.egress.filter((e: any) => e.to.some((t: any) => cidrs("data").includes(t.ipBlock?.cidr)));
                const lbIngress = (name: string) =>
                    policies
                        .get(`${name}-traffic`)
                        .spec.ingress.filter((i: any) => i.from.some((f: any) => cidrs("public").includes(f.ipBlock?.cidr)));

                for (const name of ["web", "api"]) {
                    expect(lbIngress(name), name).to.have.length(1);
                    expect(lbIngress(name)[0].ports, `${name}: the load balancer reaches the TLS sidecar only`).to.deep.equal([
                        { protocol: "TCP", port: 8443 },
                    ]);
                }
                // tenant-provisioning is routed by the internal load balancer, whose nodes sit in the app subnets.
                expect(lbIngress("tenant-provisioning")).to.have.length(0);
                const appCidrs = Array.from({ length: cfg.network.availabilityZones }, (_, i) => subnetCidr(cfg.network.cidr, "app", i));
                const internalIngress = policies
                    .get("tenant-provisioning-traffic")
                    .spec.ingress.filter((i: any) => i.from.some((f: any) => appCidrs.includes(f.ipBlock?.cidr)));
                expect(internalIngress).to.have.length(1);
                expect(lbIngress("worker")).to.have.length(0);
                for (const name of ["api", "worker", "tenant-provisioning"]) {
                    const [rule] = dataEgress(name);
                    expect(
                        rule.ports.map((p: any) => p.port),
                        name,
                    ).to.have.members([5432, 6379]);
                }
                expect(dataEgress("web")).to.have.length(0);
            });

            it("gives the pods of services that use a data store their own security groups, and only those pods reach it (issue 22 item 1)", async () => {
                const plan = await planOf(stack);
                const template = ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")[0].inputs as any;
                expect(template.vpcSecurityGroupIds, "nodes carry the cluster group alone").to.have.length(1);
                const nodeGroup = template.vpcSecurityGroupIds[0];
                const policies = ofType(plan, "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy");
                const byService = new Map(policies.map((p) => [(p.inputs as any).metadata.name, p]));
                const groupsOf = (name: string) => (byService.get(name)!.inputs as any).spec.securityGroups.groupIds;
                expect(byService.has("web"), "web uses no store").to.equal(false);
                for (const name of ["api", "worker", "tenant-provisioning"]) {
                    expect(groupsOf(name), name).to.deep.equal([nodeGroup, "network-postgres-clients-id", "network-redis-clients-id"]);
                    expect((byService.get(name)!.inputs as any).spec.podSelector.matchLabels).to.deep.equal({
                        "app.kubernetes.io/name": name,
                    });
                    const deployment = ofType(plan, "kubernetes:apps/v1:Deployment").find((d) => (d.inputs as any).metadata.name === name)!;
                    expect(deployment.dependencies, `${name} pods are created after their policy`).to.include(byService.get(name)!.urn);
                }
                const admitted = (sg: string) =>
                    (
                        (ofType(plan, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === sg)!.inputs as any).ingress as any[]
                    ).flatMap((r) => r.securityGroups ?? []);
                // Besides the clients, only the in-VPC CI runner, which creates the database roles [18.1].
                expect(admitted("database")).to.deep.equal(["network-postgres-clients-id", "deployer-id", "database-rotation-id"]);
                expect(admitted("cache")).to.deep.equal(["network-redis-clients-id"]);
                expect(admitted("database")).to.not.include(nodeGroup);
                // The cluster role runs the VPC resource controller that attaches the pods' interfaces.
                const attached = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => String(a.inputs.policyArn));
                expect(attached).to.include("arn:aws:iam::aws:policy/AmazonEKSVPCResourceController");
            });

            it(`${["dev", "test"].includes(stack) ? "leaves its ALB deletable, so the stack can be destroyed" : "protects its ALB from deletion"} (issue 18 item 7)`, async () => {
                const plan = await planOf(stack);
                const attributes = ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress").map(
                    (i) => (i.inputs as any).metadata.annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] as string,
                );
                const expected = `deletion_protection.enabled=${!["dev", "test"].includes(stack)}`;
                for (const a of attributes) expect(a.split(",")).to.include(expected);
            });

            it("brings secrets from Secrets Manager through External Secrets, never as Secret literals", async () => {
                const plan = await planOf(stack);
                expect(ofType(plan, "kubernetes:core/v1:Secret")).to.have.length(0);
                const externals = byName(plan, "kubernetes:external-secrets.io/v1:ExternalSecret");
                // Its own login and Redis user, the shared signing key; still DATABASE_*, JWT_*, REDIS_* variables.
                expect(externals.get("api-secrets").spec.dataFrom.map((d: any) => d.extract.key)).to.deep.equal(
                    ["api/database", "jwt", "api/redis"].map((n) => `caresync/${stack}/${n}`),
                );
                expect(externals.get("api-secrets").spec.dataFrom.map((d: any) => d.rewrite[0].regexp.target)).to.deep.equal([
                    "DATABASE_$1",
                    "JWT_$1",
                    "REDIS_$1",
                ]);
                const store = byName(plan, "kubernetes:external-secrets.io/v1:SecretStore").get("api");
                expect(store.spec.provider.aws).to.deep.include({
                    service: "SecretsManager",
                    auth: { jwt: { serviceAccountRef: { name: "api" } } },
                });
                const [release] = ofType(plan, "kubernetes:helm.sh/v3:Release").filter(
                    (r) => (r.inputs as any).chart === "external-secrets",
                );
                expect((release.inputs as any).version).to.match(/^\d+\.\d+\.\d+$/);
            });

            it("lets each service's IRSA role read its own secrets and no other service's or environment's", async () => {
                const plan = await planOf(stack);
                const policyOf = (service: string) =>
                    JSON.parse(
                        ofType(plan, "aws:iam/policy:Policy").find((r) => r.name === `workloads-${service}-secrets`)!.inputs
                            .policy as string,
                    );
                const trust = JSON.parse(
                    ofType(plan, "aws:iam/role:Role").find((r) => r.name === "workloads-api")!.inputs.assumeRolePolicy as string,
                );
                const [condition] = Object.entries(trust.Statement[0].Condition.StringEquals).filter(([k]) => k.endsWith(":sub"));
                expect(condition[1]).to.equal(`system:serviceaccount:caresync-${stack}:api`);

                const secret = (env: string, name: string) =>
                    `arn:aws:secretsmanager:us-east-1:${plan.deployment!.accountId}:secret:caresync/${env}/${name}-AbC123`;
                const read = "secretsmanager:GetSecretValue";
                expect(await allows(policyOf("api"), read, secret(stack, "jwt"))).to.equal(true);
                expect(await allows(policyOf("api"), read, secret(stack, "smtp"))).to.equal(false);
                expect(await allows(policyOf("worker"), read, secret(stack, "smtp"))).to.equal(true);
                expect(await allows(policyOf("worker"), read, secret(stack, "jwt"))).to.equal(false);
                expect(await allows(policyOf("api"), read, secret(stack === "prod" ? "staging" : "prod", "jwt"))).to.equal(false);
                // Its own database login and Redis user, no other service's, and not the migration owner's (prefix `database-`).
                expect(await allows(policyOf("api"), read, secret(stack, "api/database"))).to.equal(true);
                expect(await allows(policyOf("api"), read, secret(stack, "api/redis"))).to.equal(true);
                expect(await allows(policyOf("api"), read, secret(stack, "worker/database"))).to.equal(false);
                expect(await allows(policyOf("worker"), read, secret(stack, "api/redis"))).to.equal(false);
                expect(await allows(policyOf("api"), read, secret(stack, "database-migration"))).to.equal(false);
                expect(ofType(plan, "aws:iam/policy:Policy").find((r) => r.name === "workloads-web-secrets")).to.equal(undefined);
            });

            it("serves web and api through one TLS ALB Ingress that redirects HTTP, drops invalid headers and sits behind WAF", async () => {
                const plan = await planOf(stack);
                const ingress = ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress")
                    .map((r) => r.inputs as any)
                    .find((i) => i.metadata.annotations["alb.ingress.kubernetes.io/scheme"] === "internet-facing");
                const a = ingress.metadata.annotations;
                expect(ingress.spec.ingressClassName).to.equal("alb");
                expect(ingress.spec.tls[0].hosts).to.deep.equal([ingress.spec.rules[0].host]);
                expect(a["alb.ingress.kubernetes.io/ssl-redirect"]).to.equal("443");
                expect(a["alb.ingress.kubernetes.io/ssl-policy"]).to.match(/^ELBSecurityPolicy-TLS13-1-2/);
                expect(a["alb.ingress.kubernetes.io/load-balancer-attributes"]).to.contain(
                    "routing.http.drop_invalid_header_fields.enabled=true",
                );
                expect(a["alb.ingress.kubernetes.io/wafv2-acl-arn"]).to.match(/^arn:aws:wafv2:/);
                // Without careplane:cdn the ALB takes clients directly: HTTP and HTTPS from anywhere, no origin header.
                expect(JSON.parse(a["alb.ingress.kubernetes.io/listen-ports"])).to.deep.equal([{ HTTP: 80 }, { HTTPS: 443 }]);
                expect(a).to.not.have.any.keys(
                    "alb.ingress.kubernetes.io/security-group-prefix-lists",
                    "alb.ingress.kubernetes.io/inbound-cidrs",
                );
                const [acl] = ofType(plan, "aws:wafv2/webAcl:WebAcl").map((r) => r.inputs as any);
                expect(acl.rules.map((r: any) => Object.keys(r.statement))).to.deep.equal([
                    ["rateBasedStatement"],
                    ...Array(4).fill(["managedRuleGroupStatement"]),
                ]);
                expect(a["alb.ingress.kubernetes.io/load-balancer-attributes"]).to.contain(
                    `access_logs.s3.enabled=true,access_logs.s3.bucket=caresync-${stack}-access-logs-${plan.deployment!.accountId},access_logs.s3.prefix=alb`,
                );
                const paths = ingress.spec.rules[0].http.paths.map((p: any) => [
                    p.path,
                    p.backend.service.name,
                    p.backend.service.port.name,
                ]);
                expect(paths).to.deep.equal([
                    ["/api", "api", "https"],
                    ["/", "web", "https"],
                ]);
                const [lbc] = ofType(plan, "kubernetes:helm.sh/v3:Release").filter(
                    (r) => (r.inputs as any).chart === "aws-load-balancer-controller",
                );
                expect((lbc.inputs as any).version).to.match(/^\d+\.\d+\.\d+$/);
            });
        });
    }

    for (const stack of STACKS) {
        it(`${stack}: routes tenant provisioning on an internal load balancer only, behind a rate-limiting WAF (issue 22 item 8)`, async () => {
            const plan = await planOf(stack);
            const ingresses = ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress").map((r) => r.inputs as any);
            const routes = (scheme: string) =>
                ingresses
                    .filter((i) => i.metadata.annotations["alb.ingress.kubernetes.io/scheme"] === scheme)
                    .flatMap((i) => i.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service.name)));
            expect(routes("internet-facing")).to.not.include("tenant-provisioning");
            expect(routes("internal")).to.deep.equal(["tenant-provisioning"]);
            const internal = ingresses.find((i) => i.metadata.annotations["alb.ingress.kubernetes.io/scheme"] === "internal");
            expect(internal.spec.rules[0].host).to.equal(`internal.${stack === "prod" ? "" : `${stack}.`}caresync.example.org`);
            const [acl] = ofType(plan, "aws:wafv2/webAcl:WebAcl").map((r) => r.inputs as any);
            const rate = acl.rules.find((r: any) => r.statement.rateBasedStatement);
            expect(rate.action).to.deep.equal({ block: {} });
            expect(rate.statement.rateBasedStatement).to.deep.include({ limit: 2000, aggregateKeyType: "IP" });
            for (const i of ingresses)
                expect(i.metadata.annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"]).to.match(/^arn:aws:wafv2:/);
        });

        it(`${stack}: terminates the load balancer's TLS in the pods, on a certificate cert-manager issues (issue 22 item 7)`, async () => {
            const plan = await planOf(stack);
            for (const i of ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress").map((r) => r.inputs as any)) {
                const a = i.metadata.annotations;
                expect(a["alb.ingress.kubernetes.io/backend-protocol"]).to.equal("HTTPS");
                expect(a["alb.ingress.kubernetes.io/healthcheck-protocol"]).to.equal("HTTPS");
            }
            const certificates = byName(plan, "kubernetes:cert-manager.io/v1:Certificate");
            const services = byName(plan, "kubernetes:core/v1:Service");
            for (const name of ["web", "api", "tenant-provisioning"]) {
                const cert = certificates.get(`${name}-tls`);
                expect(cert.spec.secretName).to.equal(`${name}-tls`);
                expect(cert.spec.issuerRef).to.deep.equal({ kind: "Issuer", name: "self-signed" });
                expect(services.get(name).spec.ports.map((p: any) => [p.name, p.port, p.targetPort])).to.deep.include([
                    "https",
                    443,
                    "https",
                ]);
            }
            expect(certificates.has("worker-tls"), "workers are not routed").to.equal(false);
            const deployment = ofType(plan, "kubernetes:apps/v1:Deployment").find((d) => (d.inputs as any).metadata.name === "api")!;
            const sidecar = (deployment.inputs as any).spec.template.spec.containers.find((c: any) => c.name === "tls-proxy");
            expect(sidecar.image).to.match(/^public\.ecr\.aws\/nginx\/nginx-unprivileged:[^@]+@sha256:[a-f0-9]{64}$/);
            expect(sidecar.ports).to.deep.equal([{ name: "https", containerPort: 8443, protocol: "TCP" }]);
            const cert = ofType(plan, "kubernetes:cert-manager.io/v1:Certificate").find(
                (c) => (c.inputs as any).metadata.name === "api-tls",
            )!;
            expect(deployment.dependencies, "pods start once their certificate exists").to.include(cert.urn);
            const proxy = byName(plan, "kubernetes:core/v1:ConfigMap").get("api-tls-proxy");
            expect(proxy.data["default.conf"]).to.contain("listen 8443 ssl;").and.to.contain("proxy_pass http://127.0.0.1:3000;");
        });

        it(`${stack}: makes the services that log in to PostgreSQL verify the server against the region's RDS CA (issue 22 item 7)`, async () => {
            const plan = await planOf(stack);
            const cfg = parseStackConfig(stackFile(stack).config, stack);
            const configMaps = byName(plan, "kubernetes:core/v1:ConfigMap");
            const bundle: string = configMaps.get(RDS_CA_CONFIG_MAP).data[RDS_CA_FILE_NAME];
            const subjects = bundle.split(/(?=-----BEGIN CERTIFICATE-----)/).map((pem) => new X509Certificate(pem).subject);
            expect(
                subjects.some((s) => s.includes(`CN=${rdsRootCaSubject(cfg.region)}`)),
                "the instances' root CA",
            ).to.equal(true);
            expect(
                subjects.every((s) => s.includes(`CN=Amazon RDS ${cfg.region} `)),
                "that region's CAs only",
            ).to.equal(true);
            const deployments = byName(plan, "kubernetes:apps/v1:Deployment");
            for (const [svcName, svc] of Object.entries(cfg.services)) {
                const usesPostgres = svc.secrets.some((s) => s === "database" || s.startsWith("database-"));
                const env = configMaps.get(`${svcName}-config`).data;
                const pod = deployments.get(svcName).spec.template.spec;
                const app = pod.containers.find((c: any) => c.name === svcName);
                const mount = app.volumeMounts.find((m: any) => m.name === "rds-ca");
                if (!usesPostgres) {
                    expect(env.PGSSLMODE, svcName).to.equal(undefined);
                    expect(mount, svcName).to.equal(undefined);
                    continue;
                }
                expect(env, svcName).to.include({ PGSSLMODE: "verify-full", PGSSLROOTCERT: `${mount.mountPath}/${RDS_CA_FILE_NAME}` });
                expect(mount.readOnly).to.equal(true);
                expect(pod.volumes.find((v: any) => v.name === "rds-ca").configMap).to.deep.equal({ name: RDS_CA_CONFIG_MAP });
            }
        });

        it(`${stack}: requests the load balancers' certificate for their names and validates it in the stack's zone (issue 18 item 4)`, async () => {
            const plan = await planOf(stack);
            const [certificate] = ofType(plan, "aws:acm/certificate:Certificate").map((c) => c.inputs as any);
            const host = `${stack === "prod" ? "" : `${stack}.`}caresync.example.org`;
            expect(certificate).to.deep.include({
                domainName: host,
                subjectAlternativeNames: [`internal.${host}`],
                validationMethod: "DNS",
            });
            const records = ofType(plan, "aws:route53/record:Record").map((r) => r.inputs as any);
            expect(records).to.have.length(2);
            for (const r of records)
                expect(r).to.deep.include({
                    zoneId: parseStackConfig(stackFile(stack).config, stack).compute.ingress.hostedZoneId,
                    type: "CNAME",
                });
            const [validation] = ofType(plan, "aws:acm/certificateValidation:CertificateValidation");
            for (const i of ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress")) {
                expect(i.dependencies, "each Ingress names the issued certificate").to.include(validation.urn);
                expect((i.inputs as any).metadata.annotations["alb.ingress.kubernetes.io/certificate-arn"]).to.match(/^arn:aws:acm:/);
            }
        });
    }

    it("rejects a moving image tag with one line", () => {
        const file = stackFile("prod", { "careplane:services": { web: { tier: "web", image: "caresync/web", tag: "latest" } } });
        expect(() => parseStackConfig(file.config, file.file)).to.throw(
            'Pulumi.prod.yaml: careplane:services.web.tag = "latest" is not allowed: a moving tag cannot be audited or rolled back; pin a version such as 1.4.2',
        );
    });

    it("rejects a service that lists a secret the stack does not store", () => {
        const api = {
            tier: "api",
            image: "caresync/api",
            tag: "1.4.2",
            digest: `sha256:${"a".repeat(64)}`,
            secrets: ["database", "payments"],
        };
        const file = stackFile("prod", { "careplane:services": { api } });
        expect(() => parseStackConfig(file.config, file.file)).to.throw(
            'Pulumi.prod.yaml: careplane:services.api.secrets.1 = "payments" is not allowed: the stack stores only database, redis, jwt, smtp, database-migration; add payments to careplane:secrets.names or remove it',
        );
        const declared = stackFile("prod", { "careplane:services": { api }, "careplane:secrets": { names: ["payments"] } });
        expect(parseStackConfig(declared.config, declared.file).services.api.secrets).to.deep.equal(["database", "payments"]);
    });

    it("rejects a prod service that would scale below three replicas", () => {
        const file = stackFile("prod", {
            "careplane:services": {
                api: {
                    tier: "api",
                    image: "caresync/api",
                    tag: "1.4.2",
                    digest: `sha256:${"a".repeat(64)}`,
                    replicas: { min: 1, max: 20 },
                },
            },
        });
        expect(() => parseStackConfig(file.config, file.file)).to.throw(
            "Pulumi.prod.yaml: careplane:services.api.replicas.min = 1 is not allowed: prod runs every api service with at least 3 replicas; use 3 or more",
        );
    });
});
