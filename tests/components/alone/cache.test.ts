import { expect } from "chai";
import { Cache } from "../../../components/data/cache";
import { CacheConfig } from "../../../components/config/schema/cache";
import { buildAlone, keyArn } from "../../support/alone";

interface Options {
    stack?: string;
    changes?: Partial<CacheConfig>;
    services?: string[];
    exporter?: boolean;
}

function cache({ stack = "dev", changes = {}, services = ["api"], exporter = false }: Options) {
    return buildAlone((context, config) => {
        new Cache("cache", {
            context,
            vpcId: "vpc-0123",
            subnetIds: ["subnet-data-a", "subnet-data-b"],
            clientSecurityGroupIds: ["sg-redis-clients"],
            services,
            dataKeyArn: keyArn("data"),
            logsKeyArn: keyArn("logs"),
            config: { ...config.cache, ...changes },
            passwordLength: 40,
            exporter,
        });
    }, stack);
}

const group = (built: Awaited<ReturnType<typeof cache>>) => built.one("aws:elasticache/replicationGroup:ReplicationGroup");

describe("Cache, built alone", () => {
    it("runs the node type and the replicas its config slice gives", async () => {
        const built = await cache({ changes: { nodeType: "cache.r7g.large", replicasPerShard: 2 } });
        expect(group(built).inputs).to.include({ nodeType: "cache.r7g.large", clusterMode: "disabled", numCacheClusters: 3 });
        const small = await cache({ changes: { nodeType: "cache.t4g.micro", replicasPerShard: 0 } });
        expect(group(small).inputs).to.include({ nodeType: "cache.t4g.micro", numCacheClusters: 1 });
    });

    it("spreads keys over the configured shards in cluster mode", async () => {
        const built = await cache({ changes: { clusterMode: true, shards: 3, replicasPerShard: 1 } });
        expect(group(built).inputs).to.include({ clusterMode: "enabled", numNodeGroups: 3, replicasPerNodeGroup: 1 });
    });

    it("gives each service it is given its own user, the exporter one when asked, and switches the default user off", async () => {
        const names = (built: Awaited<ReturnType<typeof cache>>) => built.ofType("aws:elasticache/user:User").map((u) => u.inputs.userName);
        const built = await cache({ services: ["api", "worker"], exporter: true });
        expect(names(built)).to.include.members(["default", "api", "worker"]);
        expect(names(built)).to.have.length(4);
        expect(names(await cache({ services: ["api"], exporter: false }))).to.have.members(["default", "api"]);
        const defaultUser = built.ofType("aws:elasticache/user:User").find((u) => u.inputs.userName === "default")!;
        expect(defaultUser.inputs.accessString).to.match(/^off\b/);
    });

    it("encrypts at rest with the data key and in transit always, admits the client group it is given, and is protected in prod", async () => {
        const built = await cache({ stack: "prod" });
        expect(group(built).inputs).to.include({
            atRestEncryptionEnabled: true,
            kmsKeyId: keyArn("data"),
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
        });
        expect(group(built).protect).to.equal(true);
        expect((await cache({})).ofType("aws:elasticache/replicationGroup:ReplicationGroup")[0].protect).to.equal(false);
        const [ingress] = built.one("aws:ec2/securityGroup:SecurityGroup").inputs.ingress as any[];
        expect(ingress.securityGroups).to.deep.equal(["sg-redis-clients"]);
    });
});
