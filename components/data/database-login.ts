// Who may log in to PostgreSQL as a person's login: IAM database authentication (the login is a member
// of rds_iam, so RDS accepts only a token that rds-db:connect on exactly that login yields).

/**
 * The identity policy that lets a role connect as one database login on the listed instances
 * (`arn:<partition>:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<login>`; RDS user guide,
 * "Creating and using an IAM policy for IAM database access").
 */
export function databaseLoginPolicy(sid: string, loginArns: string[]) {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: sid, Effect: "Allow", Action: "rds-db:connect", Resource: loginArns }],
    };
}
