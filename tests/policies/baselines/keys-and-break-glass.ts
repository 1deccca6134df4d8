import { stackPrincipals } from "../../../components/access/stack-principals";

// The key-administration, break-glass, vault-restore and PHI-bucket allow-list controls: compliant fixtures (the
// policies careplane writes) pass, and each rule fails on a fixture that breaks it.

export const ACCOUNT = "123456789012";
export const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const principals = (environment: string) => stackPrincipals({ partition: "aws", accountId: ACCOUNT, app: "caresync", environment });
