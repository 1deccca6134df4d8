import * as grpc from "@grpc/grpc-js";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Plan, PlannedResource } from "./plan";

const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

export const POLICY_PACK_DIR = path.resolve(__dirname, "../../policies");

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

    static async start(packDir = POLICY_PACK_DIR): Promise<PolicyAnalyzer> {
        const child = spawn(process.execPath, ["--import", "tsx", "index.ts"], {
            cwd: packDir,
            stdio: ["ignore", "pipe", "pipe"],
        });
        const port = await readPort(child);
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
        await rpc("configure", new analyzerPb.ConfigureAnalyzerRequest());
        return new PolicyAnalyzer(child, client, info.getName(), info.getVersion(), policies);
    }

    /** Every violation the pack reports on a plan: Analyze per resource, then AnalyzeStack. */
    async evaluate(plan: Plan): Promise<Violation[]> {
        return (await this.evaluateTimed(plan)).violations;
    }

    /**
     * evaluate(), and what it cost: requestMs, the caller's time building the requests, and
     * policyMs, that plus the CPU time the analyzer spent answering them.
     */
    async evaluateTimed(plan: Plan): Promise<{ violations: Violation[]; policyMs: number; requestMs: number }> {
        const rpc = call(this.client);
        const cpuBefore = this.cpuMs();
        const built = process.hrtime.bigint();
        const stackConfig = new analyzerPb.AnalyzerStackConfigureRequest();
        stackConfig.setStack(plan.stack);
        stackConfig.setProject(plan.project);
        const configured = rpc("configureStack", stackConfig);

        // One Struct per resource serves both its Analyze request and the AnalyzeStack request.
        const properties = new Map(plan.resources.map((r) => [r.urn, Struct.fromJavaScript(r.inputs)]));
        const providers = new Map<string, any>();
        const providerOf = (r: PlannedResource) => {
            if (!providers.has(r.provider))
                providers.set(
                    r.provider,
                    providerResource(
                        plan.resources.find((p) => p.urn === r.provider),
                        properties,
                    ),
                );
            return providers.get(r.provider);
        };
        const analyzeRequests = plan.resources.map((r) => {
            const req = new analyzerPb.AnalyzeRequest();
            req.setType(r.type);
            req.setUrn(r.urn);
            req.setName(r.name);
            req.setProperties(properties.get(r.urn));
            req.setOptions(resourceOptions(r));
            const provider = providerOf(r);
            if (provider) req.setProvider(provider);
            return req;
        });
        const stackReq = new analyzerPb.AnalyzeStackRequest();
        stackReq.setResourcesList(plan.resources.map((r) => analyzerResource(r, properties.get(r.urn), providerOf(r))));
        const requestMs = Number(process.hrtime.bigint() - built) / 1e6;

        await configured;
        const perResource = await Promise.all(analyzeRequests.map((req) => rpc("analyze", req)));
        const stackResult = await rpc("analyzeStack", stackReq);

        const subjects = [...plan.resources.map((r) => r.urn), ""];
        const violations = [...perResource, stackResult].flatMap((res, i) =>
            res.getDiagnosticsList().map((d: any) => toViolation(d, subjects[i])),
        );
        return { violations, requestMs, policyMs: requestMs + (this.cpuMs() - cpuBefore) };
    }

    /** CPU time (user + system) the analyzer process has used so far (Linux; 0 elsewhere). */
    private cpuMs(): number {
        try {
            const fields = fs.readFileSync(`/proc/${this.child.pid}/stat`, "utf8").split(") ")[1].split(" ");
            // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms.
            return (Number(fields[11]) + Number(fields[12])) * 10;
        } catch {
            return 0;
        }
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

function readPort(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stderr!.on("data", (d) => (err += d));
        child.stdout!.on("data", (d) => {
            out += d;
            const line = out.split("\n")[0];
            if (out.includes("\n") && /^\d+$/.test(line.trim())) resolve(Number(line.trim()));
        });
        child.once("exit", (code) => reject(new Error(`the policy pack exited (${code}) before serving: ${(err || out).trim()}`)));
    });
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
