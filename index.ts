// careplane: read and validate the stack's config, build the platform, export its outputs.
import { readStackConfig } from "./components/config/stack-config";
import { buildPlatform } from "./components/platform";

export = buildPlatform(readStackConfig());
