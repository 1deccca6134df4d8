#!/usr/bin/env bash
# Refresh a staging or test database from an anonymized copy of prod's latest backup [seed 000: staging
# runs on "recent production backup (anonymized)", test on "production-like test data (anonymized)";
# seed 001: staging on an "anonymized production data subset"]. PHI never leaves the prod account: the
# copy is restored and scrubbed there, and only the scrubbed snapshot is shared.
#
# Run from the in-VPC runner (it reaches the data subnets), in two steps with the two accounts'
# credentials; docs/runbooks.md ("Refresh staging from prod") is the procedure around it.
#
#   tools/staging-refresh/refresh.sh scrub   <app> <anonymize.sql> <target-account-id> [<share-key-arn>]   # prod credentials
#   tools/staging-refresh/refresh.sh restore <app> <environment> <shared-snapshot-arn>                    # the target's credentials
#
# <anonymize.sql> is the application team's: it overwrites every PHI column (names, dates of birth,
# identifiers, free text), deletes what the target does not keep (a subset), and must end by checking
# that no original value remains.
# <share-key-arn> defaults to the prod stack's output dataRefreshKeyArn (careplane:dataRefresh): the key
# whose policy lets the target accounts copy through RDS. RDS refuses to share a snapshot encrypted with
# the AWS managed key, and prod's data key admits no other account.
# <environment> is the target's (staging or test): its instance is <app>-<environment>-db, its data key
# alias/<app>-<environment>-data.
set -euo pipefail

die() { echo "refresh: $*" >&2; exit 2; }
wait_for() { aws rds wait "$@"; }

scrub() {
    local app=$1 sql=$2 target_account=$3 share_key=${4:-}
    [[ -r $sql ]] || die "cannot read $sql"
    [[ $target_account =~ ^[0-9]{12}$ ]] || die "expected the target's 12-digit account id, not $target_account"
    if [[ -z $share_key ]]; then
        share_key=$(pulumi stack output dataRefreshKeyArn --stack prod) || die "no dataRefreshKeyArn output: set careplane:dataRefresh on prod and run pulumi up"
    fi
    local source="${app}-prod-db" scrub="${app}-prod-scrub" stamp
    stamp=$(date -u +%Y%m%d%H%M)

    # The newest snapshot AWS Backup or RDS took of the prod primary.
    local latest
    latest=$(aws rds describe-db-snapshots --db-instance-identifier "$source" \
        --query 'sort_by(DBSnapshots[?Status==`available`], &SnapshotCreateTime)[-1].DBSnapshotIdentifier' --output text)
    [[ $latest != None ]] || die "no available snapshot of $source"

    # Restored beside prod (same subnets, security group and parameter group), never public.
    local subnets sg params
    read -r subnets sg params < <(aws rds describe-db-instances --db-instance-identifier "$source" \
        --query 'DBInstances[0].[DBSubnetGroup.DBSubnetGroupName, VpcSecurityGroups[0].VpcSecurityGroupId, DBParameterGroups[0].DBParameterGroupName]' \
        --output text)
    aws rds restore-db-instance-from-db-snapshot --db-instance-identifier "$scrub" --db-snapshot-identifier "$latest" \
        --db-subnet-group-name "$subnets" --vpc-security-group-ids "$sg" --db-parameter-group-name "$params" \
        --no-publicly-accessible --no-multi-az --no-deletion-protection \
        --tags Key=Purpose,Value=staging-refresh Key=DataClassification,Value=phi
    wait_for db-instance-available --db-instance-identifier "$scrub"

    # Scrub with the migration login (its password from Secrets Manager), then prove it.
    local host dbname secret
    read -r host dbname < <(aws rds describe-db-instances --db-instance-identifier "$scrub" \
        --query 'DBInstances[0].[Endpoint.Address, DBName]' --output text)
    secret=$(aws secretsmanager get-secret-value --secret-id "${app}/prod/database-migration" --query SecretString --output text)
    PGHOST=$host PGDATABASE=$dbname PGUSER=$(jq -r .username <<<"$secret") PGPASSWORD=$(jq -r .password <<<"$secret") \
        PGSSLMODE=verify-full PGSSLROOTCERT=components/data/rds-ca-bundle.pem \
        psql --set ON_ERROR_STOP=1 --file "$sql"

    # Only the scrubbed copy leaves: snapshot, re-encrypt with the shareable key, share with the target.
    aws rds create-db-snapshot --db-instance-identifier "$scrub" --db-snapshot-identifier "${scrub}-${stamp}"
    wait_for db-snapshot-available --db-snapshot-identifier "${scrub}-${stamp}"
    aws rds copy-db-snapshot --source-db-snapshot-identifier "${scrub}-${stamp}" \
        --target-db-snapshot-identifier "${scrub}-${stamp}-shared" --kms-key-id "$share_key"
    wait_for db-snapshot-available --db-snapshot-identifier "${scrub}-${stamp}-shared"
    aws rds modify-db-snapshot-attribute --db-snapshot-identifier "${scrub}-${stamp}-shared" \
        --attribute-name restore --values-to-add "$target_account"

    aws rds delete-db-instance --db-instance-identifier "$scrub" --skip-final-snapshot --delete-automated-backups
    aws rds delete-db-snapshot --db-snapshot-identifier "${scrub}-${stamp}"
    aws rds describe-db-snapshots --db-snapshot-identifier "${scrub}-${stamp}-shared" --query 'DBSnapshots[0].DBSnapshotArn' --output text
}

restore() {
    local app=$1 env=$2 shared=$3 stamp
    [[ $env == staging || $env == test ]] || die "expected staging or test, not $env"
    stamp=$(date -u +%Y%m%d%H%M)
    local target="${app}-${env}-db" copy="${app}-${env}-refresh-${stamp}" temp="${app}-${env}-refresh"
    # The target's own data key from here on.
    aws rds copy-db-snapshot --source-db-snapshot-identifier "$shared" --target-db-snapshot-identifier "$copy" \
        --kms-key-id "alias/${app}-${env}-data"
    wait_for db-snapshot-available --db-snapshot-identifier "$copy"

    # A temporary instance beside the target's, its master password managed (and readable) in that account.
    local subnets sg params
    read -r subnets sg params < <(aws rds describe-db-instances --db-instance-identifier "$target" \
        --query 'DBInstances[0].[DBSubnetGroup.DBSubnetGroupName, VpcSecurityGroups[0].VpcSecurityGroupId, DBParameterGroups[0].DBParameterGroupName]' \
        --output text)
    aws rds restore-db-instance-from-db-snapshot --db-instance-identifier "$temp" --db-snapshot-identifier "$copy" \
        --db-subnet-group-name "$subnets" --vpc-security-group-ids "$sg" --db-parameter-group-name "$params" \
        --no-publicly-accessible --no-multi-az --no-deletion-protection --manage-master-user-password \
        --tags Key=Purpose,Value=staging-refresh Key=DataClassification,Value=confidential
    wait_for db-instance-available --db-instance-identifier "$temp"

    # Copy the data into the instance Pulumi manages (it keeps its identity, replicas and settings).
    # The temporary instance's master login is the one RDS manages; the target's is careplane's rotated entry.
    local from_host from_db from_secret to_host to_db
    read -r from_host from_db from_secret < <(aws rds describe-db-instances --db-instance-identifier "$temp" \
        --query 'DBInstances[0].[Endpoint.Address, DBName, MasterUserSecret.SecretArn]' --output text)
    read -r to_host to_db < <(aws rds describe-db-instances --db-instance-identifier "$target" \
        --query 'DBInstances[0].[Endpoint.Address, DBName]' --output text)
    local from_login to_login
    from_login=$(aws secretsmanager get-secret-value --secret-id "$from_secret" --query SecretString --output text)
    to_login=$(aws secretsmanager get-secret-value --secret-id "${app}/${env}/database-master" --query SecretString --output text)
    export PGSSLMODE=verify-full PGSSLROOTCERT=components/data/rds-ca-bundle.pem
    PGHOST=$from_host PGUSER=$(jq -r .username <<<"$from_login") PGPASSWORD=$(jq -r .password <<<"$from_login") \
        pg_dump --format=custom --no-owner --no-privileges --dbname "$from_db" --file "/tmp/${copy}.dump"
    PGHOST=$to_host PGUSER=$(jq -r .username <<<"$to_login") PGPASSWORD=$(jq -r .password <<<"$to_login") \
        pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --dbname "$to_db" "/tmp/${copy}.dump"
    rm -f "/tmp/${copy}.dump"

    aws rds delete-db-instance --db-instance-identifier "$temp" --skip-final-snapshot --delete-automated-backups
    aws rds delete-db-snapshot --db-snapshot-identifier "$copy"
    echo "refreshed $target from $shared; run pulumi up to re-apply the roles' grants"
}

case "${1:-}" in
scrub) [[ $# -eq 4 || $# -eq 5 ]] || die "usage: $0 scrub <app> <anonymize.sql> <target-account-id> [<share-key-arn>]"; scrub "${@:2}" ;;
restore) [[ $# -eq 4 ]] || die "usage: $0 restore <app> <staging|test> <shared-snapshot-arn>"; restore "${@:2}" ;;
*) die "usage: $0 scrub|restore ..." ;;
esac
