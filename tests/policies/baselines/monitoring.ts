import { Fixture, urnOf } from "../../support/controls";

export const RELEASE = "kubernetes:helm.sh/v3:Release";
export const CHART = "kubernetes:helm.sh/v4:Chart";

/** A release's chart and values declared as a helm.sh/v4 Chart instead (both carry the chart's name and values). */
export const asChart = (release: Fixture): Fixture => ({ ...release, type: CHART, urn: urnOf(CHART, release.name) });
