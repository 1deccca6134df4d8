import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { Routing } from "./ingress";

export interface IngressCertificateArgs {
    context: PlatformContext;
    /** The names it covers: the first is the certificate's subject, the rest alternative names. */
    names: string[];
    /** The public hosted zone the names are in, where the validation records go. */
    hostedZoneId: string;
}

/**
 * An ACM certificate for the load balancer's names, validated by DNS in the stack's hosted zone: one CNAME per name,
 * and a CertificateValidation that completes only once ACM has issued the certificate, so the listener (or the
 * Ingress) never references a certificate still pending (https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html).
 * ACM renews it while the records stay. Returns the issued certificate's ARN.
 */
export function ingressCertificate(name: string, args: IngressCertificateArgs, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    const ctx = args.context;
    const [domainName, ...alternatives] = args.names;
    const certificate = new aws.acm.Certificate(
        name,
        {
            domainName,
            ...(alternatives.length > 0 ? { subjectAlternativeNames: alternatives } : {}),
            validationMethod: "DNS",
            keyAlgorithm: "RSA_2048",
            options: { certificateTransparencyLoggingPreference: "ENABLED" },
            tags: ctx.tags("internal", { Name: domainName }),
        },
        opts,
    );
    const records = args.names.map((domain, i) => {
        const option = certificate.domainValidationOptions.apply((options) => options.find((o) => o.domainName === domain)!);
        return new aws.route53.Record(
            `${name}-validation-${i}`,
            {
                zoneId: args.hostedZoneId,
                name: option.resourceRecordName,
                type: option.resourceRecordType,
                records: [option.resourceRecordValue],
                ttl: 300,
                // A re-created certificate keeps the same validation record name: take it over rather than fail.
                allowOverwrite: true,
            },
            opts,
        );
    });
    return new aws.acm.CertificateValidation(
        name,
        { certificateArn: certificate.arn, validationRecordFqdns: records.map((r) => r.fqdn) },
        opts,
    ).certificateArn;
}

/** The HTTPS listener's certificate: the configured ARN, or one careplane requests and validates in the hosted zone. */
export function listenerCertificateArn(
    name: string,
    ctx: PlatformContext,
    routing: Routing,
    opts: pulumi.CustomResourceOptions,
): pulumi.Input<string> {
    if (routing.certificateArn) return routing.certificateArn;
    return ingressCertificate(name, { context: ctx, names: routing.certificateNames(), hostedZoneId: routing.hostedZoneId! }, opts);
}
