// TLS between the load balancer and the pods: the ALB reaches a routed service's pods over HTTPS on a
// sidecar that terminates TLS with a certificate cert-manager issues into the pod's namespace, and
// forwards to the application on the pod's loopback. Nitro's automatic encryption between instances
// does not cover this hop: traffic through a load balancer is excluded (EC2 user guide, "Encryption in
// transit"). The ALB does not validate a target's certificate
// (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html#target-group-routing-configuration),
// so a namespace-local self-signed issuer is enough to encrypt the hop; it does not authenticate the pod.

/** The port the sidecar listens on, named https on the pod and the Service. */
export const TLS_PORT = 8443;

/** NGINX's unprivileged build, from NGINX's own ECR Public repository, by digest. */
export const TLS_SIDECAR_IMAGE =
    "public.ecr.aws/nginx/nginx-unprivileged:1.29-alpine@sha256:0c79d56aee561a1d81c63f00eee5fb5fe29279560cdc55e91425133104c7fbe6";

/** The sidecar's container, as the capacity check counts it. */
export const tlsSidecarSize = { cpuMillis: 25, memoryMiB: 32 };

/** The Secret cert-manager writes a service's certificate and key into. */
export const tlsSecretName = (service: string) => `${service}-tls`;

/** The server block: TLS 1.2+ on TLS_PORT, everything proxied to the application on loopback. */
export function tlsProxyConfig(appPort: number): string {
    return [
        "server {",
        `    listen ${TLS_PORT} ssl;`,
        "    ssl_certificate /etc/tls/tls.crt;",
        "    ssl_certificate_key /etc/tls/tls.key;",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        "    client_max_body_size 50m;",
        "    location / {",
        `        proxy_pass http://127.0.0.1:${appPort};`,
        "        proxy_set_header Host $host;",
        "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
        "        proxy_set_header X-Forwarded-Proto https;",
        "    }",
        "}",
        "",
    ].join("\n");
}
