// The pack's entry point: constructing PolicyPack starts its analyzer server (the Pulumi CLI,
// or the offline preview, talks to it over gRPC). Everything else lives in side-effect-free modules.
import { PolicyPack } from "@pulumi/policy";
import { shareDeserializedProperties } from "./lib/shared-properties";
import { PACK_NAME, policies } from "./pack";

shareDeserializedProperties();
new PolicyPack(PACK_NAME, { policies });
