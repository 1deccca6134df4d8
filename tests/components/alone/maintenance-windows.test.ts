import { expect } from "chai";
import { MaintenanceWindows } from "../../../components/maintenance/maintenance-windows";
import { buildAlone } from "../../support/alone";

const windows = {
    "weekly-patching": { description: "OS patches", schedule: "cron(0 2 ? * SUN *)", timezone: "America/New_York", hours: 2 },
    "monthly-major": { description: "Major upgrades", schedule: "cron(0 1 ? * SUN#1 *)", timezone: "Europe/Berlin", hours: 5 },
};

describe("MaintenanceWindows, built alone", () => {
    it("opens one window per configured window, on its schedule, time zone and duration, for registered targets only", async () => {
        const built = await buildAlone((context) => {
            new MaintenanceWindows("maintenance", { context, config: { windows } });
        });
        const made = built.ofType("aws:ssm/maintenanceWindow:MaintenanceWindow");
        expect(made).to.have.length(2);
        for (const [name, w] of Object.entries(windows)) {
            const window = made.find((m) => m.inputs.name === `caresync-dev-${name}`)!;
            expect(window, name).to.not.equal(undefined);
            expect(window.inputs).to.include({ schedule: w.schedule, scheduleTimezone: w.timezone, duration: w.hours });
            expect(window.inputs.cutoff).to.be.below(w.hours);
            expect(window.inputs.allowUnassociatedTargets).to.equal(false);
            expect(window.inputs.tags).to.include({ Environment: "dev", ManagedBy: "pulumi" });
        }
    });

    it("opens none when the config names none", async () => {
        const built = await buildAlone((context) => {
            new MaintenanceWindows("maintenance", { context, config: { windows: {} } });
        });
        expect(built.ofType("aws:ssm/maintenanceWindow:MaintenanceWindow")).to.have.length(0);
    });
});
