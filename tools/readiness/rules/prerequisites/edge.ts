// What the public entry (WAF, CloudFront, load balancers, the ALB Ingress) requires before it is created.
import { PlannedResource } from "../../../engine/plan";
import { list, ReadinessContext, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

const regionOfArn = (arn: string | undefined) => (arn ? /^arn:aws[a-z-]*:[^:]+:([^:]*):/.exec(arn)?.[1] : undefined);

/** The region a resource is created in: its `region` input (provider v7), else its provider's. */
function regionOf(ctx: ReadinessContext, r: PlannedResource): string {
    return str(r.inputs.region) ?? ctx.regionOf(r);
}

export const cloudfrontScopeRegion = stackRule(
    {
        id: "prerequisites/waf-cloudfront-scope-region",
        family: "prerequisites",
        description: "A CLOUDFRONT-scoped web ACL is created in us-east-1",
        source: "https://docs.aws.amazon.com/waf/latest/APIReference/API_CreateWebACL.html",
    },
    (ctx, rule) =>
        ctx
            .ofType(T.webAcl)
            .filter((acl) => acl.inputs.scope === "CLOUDFRONT" && regionOf(ctx, acl) !== "us-east-1")
            .map((acl) =>
                ctx.finding(rule, acl, {
                    message: `WAF creates CLOUDFRONT-scoped web ACLs only in us-east-1; this one would be created in ${regionOf(ctx, acl)}`,
                    awsError: "WAFInvalidParameterException",
                    fix: "create it with region: us-east-1 (or an aws provider in us-east-1)",
                }),
            ),
);

export const wafLogGroupName = stackRule(
    {
        id: "prerequisites/waf-log-destination-name",
        family: "prerequisites",
        description: "A web ACL logs into a log group (or bucket, or stream) whose name starts with aws-waf-logs-",
        source: "https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.webAclLogging).flatMap((logging) =>
            list<string>(logging.inputs.logDestinationConfigs)
                .filter((arn) => typeof arn === "string" && !/(:log-group:|:::|\/)aws-waf-logs-/.test(arn))
                .map((arn) =>
                    ctx.finding(rule, logging, {
                        message: `WAF logs only to destinations named aws-waf-logs-…; ${arn} is not`,
                        awsError: "WAFInvalidParameterException",
                        fix: "name the log group aws-waf-logs-<something>",
                    }),
                ),
        ),
);

export const wafLogDestinationRegion = stackRule(
    {
        id: "prerequisites/waf-log-destination-region",
        family: "prerequisites",
        description: "A web ACL logs into a log group of its own region: us-east-1 for a CLOUDFRONT-scoped one",
        source: "https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.webAclLogging).flatMap((logging) => {
            const acl = ctx.referenced(logging, "resourceArn", T.webAcl);
            if (!acl) return [];
            const aclRegion = regionOf(ctx, acl);
            return list<string>(logging.inputs.logDestinationConfigs).flatMap((arn) => {
                const group = ctx.referenced(logging, "logDestinationConfigs", T.logGroup, arn);
                const groupRegion = group ? regionOf(ctx, group) : regionOfArn(str(arn));
                if (!groupRegion || groupRegion === aclRegion) return [];
                return [
                    ctx.finding(rule, logging, {
                        message: `WAF delivers a web ACL's logs to a log group in the ACL's own region (${aclRegion}); ${group?.name ?? arn} is in ${groupRegion}`,
                        fix: `create the log group in ${aclRegion}, with the ACL's provider`,
                    }),
                ];
            });
        }),
);

export const cloudfrontLogDeliveryRegion = stackRule(
    {
        id: "prerequisites/cloudfront-log-delivery-region",
        family: "prerequisites",
        description: "CloudFront's standard logging (v2) is set up in us-east-1: its delivery source, destination and delivery",
        source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging.html#enable-access-logging-api",
    },
    (ctx, rule) =>
        ctx.ofType(T.logDeliverySource).flatMap((source) => {
            const arn = str(source.inputs.resourceArn);
            const fromCloudFront =
                ctx.referenced(source, "resourceArn", T.distribution) ?? (arn && /^arn:aws[a-z-]*:cloudfront:/.test(arn));
            if (!fromCloudFront) return [];
            const deliveries = ctx
                .ofType(T.logDelivery)
                .filter((d) => ctx.referenced(d, "deliverySourceName", T.logDeliverySource) === source);
            const destinations = deliveries
                .map((d) => ctx.referenced(d, "deliveryDestinationArn", T.logDeliveryDestination))
                .filter((d): d is PlannedResource => d !== undefined);
            return [source, ...deliveries, ...destinations]
                .filter((r) => regionOf(ctx, r) !== "us-east-1")
                .map((r) =>
                    ctx.finding(rule, r, {
                        message: `CloudWatch Logs sets up CloudFront's access-log delivery only in us-east-1; ${r.name} would be created in ${regionOf(ctx, r)}`,
                        awsError: `ValidationException: PutDeliverySource action is not supported for this LogType in region ${regionOf(ctx, r)}`,
                        fix: "create the delivery source, destination and delivery with an aws provider in us-east-1 (or region: us-east-1)",
                    }),
                );
        }),
);

export const cloudfrontCertificateRegion = stackRule(
    {
        id: "prerequisites/cloudfront-certificate-region",
        family: "prerequisites",
        description: "A CloudFront distribution's ACM certificate is in us-east-1, and its web ACL is CLOUDFRONT-scoped",
        source: "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.distribution).flatMap((d) => {
            const findings = [];
            const certificate = str((d.inputs.viewerCertificate as any)?.acmCertificateArn);
            // The certificate the plan issues (its ARN unknown until created) lives where its provider does.
            const issued =
                ctx.referenced(d, "viewerCertificate", T.certificateValidation, certificate) ??
                ctx.referenced(d, "viewerCertificate", T.certificate, certificate);
            const region = issued ? regionOf(ctx, issued) : regionOfArn(certificate);
            if (region && region !== "us-east-1")
                findings.push(
                    ctx.finding(rule, d, {
                        message: `CloudFront uses ACM certificates from us-east-1 only; ${issued?.name ?? certificate} is in ${region}`,
                        awsError: "InvalidViewerCertificate",
                        fix: "request (or import) the certificate in us-east-1",
                    }),
                );
            const acl = ctx.referenced(d, "webAclId", T.webAcl);
            if (acl && acl.inputs.scope !== "CLOUDFRONT")
                findings.push(
                    ctx.finding(rule, d, {
                        message: `a distribution takes only a CLOUDFRONT-scoped web ACL; ${acl.name} is ${acl.inputs.scope}`,
                        awsError: "InvalidWebACLId",
                        fix: "create the distribution's web ACL with scope CLOUDFRONT in us-east-1",
                    }),
                );
            return findings;
        }),
);

export const httpsListenerCertificate = stackRule(
    {
        id: "prerequisites/https-listener-certificate",
        family: "prerequisites",
        description: "An HTTPS or TLS listener has a certificate",
        source: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html",
    },
    (ctx, rule) =>
        ctx
            .ofType(T.listener)
            .filter((l) => ["HTTPS", "TLS"].includes(String(l.inputs.protocol)) && !l.inputs.certificateArn)
            .map((l) =>
                ctx.finding(rule, l, {
                    message: `Elastic Load Balancing refuses a ${l.inputs.protocol} listener without a certificate`,
                    awsError: "ValidationError",
                    fix: "give the listener certificateArn (an issued ACM certificate for the hostname)",
                }),
            ),
);

const annotation = (r: PlannedResource, key: string): string | undefined =>
    ((r.inputs.metadata as any)?.annotations ?? {})[`alb.ingress.kubernetes.io/${key}`];

/** The hosts an Ingress serves over TLS (its tls hosts, else its rule hosts). */
function ingressHosts(ingress: PlannedResource): string[] {
    const spec = (ingress.inputs.spec ?? {}) as any;
    const tlsHosts = list<any>(spec.tls).flatMap((t) => list<string>(t.hosts));
    return tlsHosts.length > 0
        ? tlsHosts
        : list<any>(spec.rules)
              .map((r) => r.host)
              .filter((h): h is string => typeof h === "string");
}

const coversHost = (domain: string, host: string) =>
    domain === host || (domain.startsWith("*.") && host.endsWith(domain.slice(1)) && !host.slice(0, -domain.length + 1).includes("."));

export const ingressCertificate = stackRule(
    {
        id: "prerequisites/alb-ingress-certificate",
        family: "prerequisites",
        description:
            "An ALB Ingress that listens on HTTPS names a certificate, or the plan issues one (validated) for every host it serves",
        source: "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/cert_discovery/",
    },
    (ctx, rule) =>
        ctx.ofType(T.ingress).flatMap((ingress) => {
            if (!/HTTPS/.test(annotation(ingress, "listen-ports") ?? "") || annotation(ingress, "certificate-arn")) return [];
            const issued = ctx
                .ofType(T.certificate)
                .filter((c) =>
                    ctx
                        .ofType(T.certificateValidation)
                        .some((v) => ctx.referenced(v, "certificateArn", T.certificate) === c && ctx.graph.waitsFor(ingress, v)),
                );
            const names = (c: PlannedResource) =>
                [str(c.inputs.domainName), ...list<string>(c.inputs.subjectAlternativeNames)].filter((n): n is string => !!n);
            const uncovered = ingressHosts(ingress).filter((h) => !issued.some((c) => names(c).some((n) => coversHost(n, h))));
            if (uncovered.length === 0 && ingressHosts(ingress).length > 0) return [];
            return [
                ctx.finding(rule, ingress, {
                    message: `the AWS Load Balancer Controller discovers certificates in ACM by host and finds none for ${uncovered.join(", ") || "an Ingress without hosts"}: it never builds the HTTPS listener, the load balancer never appears, and Pulumi's await on the Ingress times out`,
                    awsError: "FailedDeployModel: no certificate found for host",
                    fix: "name a certificate with alb.ingress.kubernetes.io/certificate-arn (from config), or create and validate an aws.acm.Certificate for the host and depend on its validation",
                }),
            ];
        }),
);
