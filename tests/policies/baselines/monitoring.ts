export const RELEASE = "kubernetes:helm.sh/v3:Release";
