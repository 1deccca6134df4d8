import { PlatformContext } from "../context";

/** The stack's CloudTrail trail name: the trail and the logs key's policy both need it before the trail exists. */
export function trailName(ctx: PlatformContext): string {
    return ctx.name("trail");
}

/** The trail's ARN, as `aws:SourceArn` carries it on CloudTrail's calls (in the trail's home region). */
export function trailArn(ctx: PlatformContext, partition: string, accountId: string): string {
    return `arn:${partition}:cloudtrail:${ctx.region}:${accountId}:trail/${trailName(ctx)}`;
}
