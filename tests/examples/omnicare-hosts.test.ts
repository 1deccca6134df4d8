import { expect } from "chai";
import { ofType } from "../support/engine";
import { examplePlan, theOne } from "./support";

// OmniCare EMR [seed 002]: the web app and the API on separate hosts (https://api.omnicare-health.com/health).
const guide = { web: "omnicare-health.example.org", api: "api.omnicare-health.example.org" };

describe("examples/omnicare hosts [seed 002: the API apart from the web app]", () => {
    it("routes each host to its own service on the shared Ingress, with TLS for both", async () => {
        const ingress = theOne(await examplePlan("omnicare", "prod"), "kubernetes:networking.k8s.io/v1:Ingress");
        const spec = ingress.inputs.spec as {
            tls: Array<{ hosts: string[] }>;
            rules: Array<{ host: string; http: { paths: Array<{ path: string; backend: { service: { name: string } } }> } }>;
        };
        const routes = Object.fromEntries(spec.rules.map((r) => [r.host, r.http.paths.map((p) => [p.path, p.backend.service.name])]));
        expect(routes).to.deep.equal({ [guide.web]: [["/", "frontend"]], [guide.api]: [["/api", "backend"]] });
        expect(spec.tls[0].hosts).to.have.members([guide.web, guide.api]);
    });

    it("serves both names through CloudFront, which alone reaches the load balancer", async () => {
        const distribution = theOne(await examplePlan("omnicare", "prod"), "aws:cloudfront/distribution:Distribution");
        expect(distribution.inputs.aliases).to.have.members([guide.web, guide.api]);
    });

    it("runs the guide's images (omnicare/backend and omnicare/frontend 2.0.0) from ghcr.io through the account's ECR pull-through cache, pinned by digest", async () => {
        const images = ofType(await examplePlan("omnicare", "prod"), "kubernetes:apps/v1:Deployment").map(
            (d) => (d.inputs.spec as any).template.spec.containers[0].image as string,
        );
        const ecr = /^\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com\/ghcr\/(omnicare\/(?:backend|frontend)):2\.0\.0@sha256:[0-9a-f]{64}$/;
        for (const image of images) expect(image).to.match(ecr);
        expect(images.map((i) => ecr.exec(i)?.[1]).sort()).to.deep.equal(["omnicare/backend", "omnicare/frontend"]);
    });
});
