/**
 * HIPAA keeps documentation of policies, procedures and actions six years (164.316(b)(2)(i)):
 * the plans CI applies, their previews and the update logs are such records. Six years in days,
 * with the leap days they can span.
 */
export const EVIDENCE_RETENTION_DAYS = 6 * 365 + 2;

/** The account's CI evidence bucket in a region (global S3 names, so the account and region are in it). */
export const evidenceBucketName = (app: string, accountId: string, region: string) => `${app}-ci-evidence-${accountId}-${region}`;
