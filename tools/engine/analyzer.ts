import * as grpc from "@grpc/grpc-js";
import { ChildProcess } from "child_process";
import * as fs from "fs";
import { MOCK_ACCOUNT_ID } from "./mocks";
import { PackProcess, POLICY_PACK_DIR, spawnPolicyPack } from "./pack-process";
import { Plan, PlannedResource } from "./plan";
import { checkPolicyConfig, PackConfig } from "./policy-config";

const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";
const enforcementLevels: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const severities = ["unspecified", "low", "medium", "high", "critical"];

export interface Violation {
    policyName: string;
    message: string;
    enforcementLevel: EnforcementLevel;
    severity: string;
    /** Empty for a finding about the stack as a whole. */
    urn: string;
}

export interface PolicyInfo {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: string;
    framework?: { name: string; version: string; reference: string; specification: string };
}

type Rpc = (method: string, request: unknown) => Promise<any>;

export type { PackConfig } from "./policy-config";

/** As the CLI sends it: a policy configured without an enforcement level keeps its own. */
function configureRequest(config: PackConfig, policies: PolicyInfo[]) {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [policy, properties] of Object.entries(config)) {
        const own = policies.find((p) => p.name === policy)?.enforcementLevel ?? "advisory";
        const level = enforcementLevels.indexOf((properties.enforcementLevel as EnforcementLevel) ?? own);
        const { enforcementLevel: _level, ...rest } = properties;
        req.getPolicyconfigMap().set(
            policy,
            new analyzerPb.PolicyConfig().setEnforcementlevel(level).setProperties(Struct.fromJavaScript(rest)),
        );
    }
    return req;
}

/**
 * The policy pack's own analyzer server, started as the Pulumi CLI starts it (a child process
 * that prints its port) and driven over gRPC with the clients shipped in @pulumi/pulumi.
 */
export class PolicyAnalyzer {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: any,
        readonly packName: string,
        readonly packVersion: string,
        readonly policies: PolicyInfo[],
    ) {}

    static start(packDir = POLICY_PACK_DIR, config: PackConfig = {}): Promise<PolicyAnalyzer> {
        return PolicyAnalyzer.connect(spawnPolicyPack(packDir), config);
    }

    /**
     * Connects to a pack process once it serves, asks it for its policies, and configures it as
     * `pulumi up --policy-pack-config` does (each policy's properties, by policy name), after checking
     * the configuration read from `configFile` against the policies' config schemas as the CLI does.
     */
    static async connect({ child, port: served }: PackProcess, config: PackConfig = {}, configFile?: string): Promise<PolicyAnalyzer> {
        const port = await served;
        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
        });
        const rpc = call(client);
        const info = await rpc("getAnalyzerInfo", new Empty());
        const policies: PolicyInfo[] = info.getPoliciesList().map((p: any) => ({
            name: p.getName(),
            description: p.getDescription(),
            enforcementLevel: enforcementLevels[p.getEnforcementlevel()],
            severity: severities[p.getSeverity()],
            framework: p.getFramework()
                ? {
                      name: p.getFramework().getName(),
                      version: p.getFramework().getVersion(),
                      reference: p.getFramework().getReference(),
                      specification: p.getFramework().getSpecification(),
                  }
                : undefined,
        }));
        if (configFile !== undefined) {
            const configurable = info.getPoliciesList().map((p: any) => ({
                name: p.getName(),
                configProperties: p.getConfigschema()?.getProperties()?.toJavaScript() ?? {},
            }));
            try {
                checkPolicyConfig(configFile, config, configurable);
            } catch (err) {
                // Nobody will stop an analyzer that never was: end the pack here.
                client.close();
                child.kill();
                throw err;
            }
        }
        await rpc("configure", configureRequest(config, policies));
        return new PolicyAnalyzer(child, client, info.getName(), info.getVersion(), policies);
    }

    /** Every violation the pack reports on a plan: Analyze per resource, then AnalyzeStack. */
    async evaluate(plan: Plan): Promise<Violation[]> {
        const rpc = call(this.client);
        const stackConfig = new analyzerPb.AnalyzerStackConfigureRequest();
        stackConfig.setStack(plan.stack);
        stackConfig.setProject(plan.project);
        await rpc("configureStack", stackConfig);

        // One Struct per resource serves both its Analyze request and the AnalyzeStack request.
        const properties = new Map(plan.resources.map((r) => [r.urn, Struct.fromJavaScript(r.inputs)]));
        const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
        const providers = new Map<string, any>();
        const defaultAws = defaultAwsProvider(plan);
        const providerOf = (r: PlannedResource) => {
            if (r.provider === "") return r.type.startsWith("aws:") ? defaultAws : undefined;
            if (!providers.has(r.provider)) providers.set(r.provider, providerResource(byUrn.get(r.provider), properties));
            return providers.get(r.provider);
        };
        const perResource = await Promise.all(
            plan.resources.map((r) => {
                const req = new analyzerPb.AnalyzeRequest();
                req.setType(r.type);
                req.setUrn(r.urn);
                req.setName(r.name);
                req.setProperties(properties.get(r.urn));
                req.setOptions(resourceOptions(r));
                const provider = providerOf(r);
                if (provider) req.setProvider(provider);
                return rpc("analyze", req);
            }),
        );
        const stackReq = new analyzerPb.AnalyzeStackRequest();
        stackReq.setResourcesList(plan.resources.map((r) => analyzerResource(r, properties.get(r.urn), providerOf(r))));
        const stackResult = await rpc("analyzeStack", stackReq);

        const subjects = [...plan.resources.map((r) => r.urn), ""];
        return [...perResource, stackResult].flatMap((res, i) => res.getDiagnosticsList().map((d: any) => toViolation(d, subjects[i])));
    }

    /** The analyzer process's peak resident memory so far (Linux), in MiB. */
    peakRssMb(): number {
        try {
            const status = fs.readFileSync(`/proc/${this.child.pid}/status`, "utf8");
            return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
        } catch {
            return 0;
        }
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            const exited = new Promise((resolve) => this.child.once("exit", resolve));
            this.child.kill();
            await exited;
        }
    }
}

/** The pack prefixes each message with the policy's description; the violation keeps the finding. */
function toViolation(d: any, analyzedUrn: string): Violation {
    const prefix = `${d.getDescription()}\n`;
    const message: string = d.getMessage();
    return {
        policyName: d.getPolicyname(),
        message: message.startsWith(prefix) ? message.slice(prefix.length) : message,
        enforcementLevel: enforcementLevels[d.getEnforcementlevel()],
        severity: severities[d.getSeverity()],
        urn: d.getUrn() || analyzedUrn,
    };
}

function call(client: any): Rpc {
    return (method, request) =>
        new Promise((resolve, reject) =>
            client[method](request, (err: Error | null, response: unknown) => (err ? reject(err) : resolve(response))),
        );
}

function resourceOptions(r: PlannedResource) {
    const opts = new analyzerPb.AnalyzerResourceOptions();
    opts.setProtect(r.protect);
    opts.setParent(r.parent);
    opts.setIgnorechangesList(r.options.ignoreChanges);
    opts.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
    opts.setDeletebeforereplace(r.options.deleteBeforeReplace);
    opts.setDeletebeforereplacedefined(r.options.deleteBeforeReplace);
    return opts;
}

/**
 * The default AWS provider, as the Pulumi engine hands it to the pack for every resource without
 * an explicit one: configured from the stack's `aws:*` config, pinned (`aws:allowedAccountIds`) to
 * the account the plan was made for, the mock engine's unless the plan names its deployment's.
 */
function defaultAwsProvider(plan: Plan) {
    const account = plan.deployment?.accountId ?? MOCK_ACCOUNT_ID;
    const p = new analyzerPb.AnalyzerProviderResource();
    p.setType("pulumi:providers:aws");
    p.setUrn(`urn:pulumi:${plan.stack}::${plan.project}::pulumi:providers:aws::default`);
    p.setName("default");
    p.setProperties(Struct.fromJavaScript({ allowedAccountIds: JSON.stringify([account]) }));
    return p;
}

function providerResource(provider: PlannedResource | undefined, properties: Map<string, any>) {
    if (!provider) return undefined;
    const p = new analyzerPb.AnalyzerProviderResource();
    p.setType(provider.type);
    p.setUrn(provider.urn);
    p.setName(provider.name);
    p.setProperties(properties.get(provider.urn));
    return p;
}

function analyzerResource(r: PlannedResource, properties: any, provider: any) {
    const res = new analyzerPb.AnalyzerResource();
    res.setType(r.type);
    res.setUrn(r.urn);
    res.setName(r.name);
    res.setProperties(properties);
    res.setOptions(resourceOptions(r));
    res.setParent(r.parent);
    res.setDependenciesList(r.dependencies);
    const byProperty = res.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
        byProperty.set(key, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
    }
    if (provider) res.setProvider(provider);
    return res;
}
