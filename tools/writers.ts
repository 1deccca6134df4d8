// Everything the offline preview writes beside each plan, assembled here so that the engine
// imports no page code: each area (engine reports, pages) exports its writers; this list joins them.
import { engineArtifactWriters } from "./engine/artifacts";
import { Writers } from "./engine/result";
import { writeArchitecture, writeIndexPage, writeStackPage } from "./pages/writers";
import { writeReadiness, writeReadinessSummary } from "./readiness/report";

export const previewWriters: Writers = {
    artifacts: [...engineArtifactWriters, writeReadiness, writeArchitecture, writeStackPage],
    summaries: [writeIndexPage, writeReadinessSummary],
};
