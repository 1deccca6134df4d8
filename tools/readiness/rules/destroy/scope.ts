import { ReadinessContext } from "../../context";

/** The environments that may be torn down with `pulumi destroy`; prod must refuse it (the pack's stateful controls). */
export const DESTROYABLE = ["dev", "test"];

export const destroyable = (ctx: ReadinessContext) => DESTROYABLE.includes(ctx.environment);
