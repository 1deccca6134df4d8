import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { MaintenanceConfig } from "../config/schema/maintenance";
import { PlatformContext } from "../context";

export interface MaintenanceWindowsArgs {
    context: PlatformContext;
    config: MaintenanceConfig;
}

/**
 * The system's announced change windows as Systems Manager maintenance windows [000]: each on its
 * schedule in the hospital's time zone, closed to new tasks an hour before it ends (none in a
 * one-hour window), and accepting only registered targets.
 */
export class MaintenanceWindows extends pulumi.ComponentResource {
    readonly windowIds: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: MaintenanceWindowsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:maintenance:MaintenanceWindows", name, {}, opts);
        const ctx = args.context;
        for (const [windowName, w] of Object.entries(args.config.windows)) {
            const window = new aws.ssm.MaintenanceWindow(
                `${name}-${windowName}`,
                {
                    name: ctx.name(windowName),
                    description: w.description,
                    schedule: w.schedule,
                    scheduleTimezone: w.timezone,
                    duration: w.hours,
                    cutoff: w.hours > 1 ? 1 : 0,
                    allowUnassociatedTargets: false,
                    tags: ctx.tags("internal"),
                },
                { parent: this },
            );
            this.windowIds[windowName] = window.id;
        }
        this.registerOutputs({ windowIds: this.windowIds });
    }
}
