#!/usr/bin/env bash
# Regional failover [seed 000, Disaster Recovery: "Failover to Secondary Region"; RTO 4 h, RPO 1 h].
# docs/runbooks.md ("Regional failover") is the procedure around it. Route 53 moves the hostname by itself
# once the PRIMARY record's health check fails and the SECONDARY record's load balancer has healthy targets;
# this script shows where the hostname points, promotes the pilot light's database, scales its nodes and
# services up, and checks that Route 53 answers with the secondary region.
#
#   tools/failover/failover.sh status  <zone-id> <hostname>
#   tools/failover/failover.sh promote <dr-region> <replica-identifier>
#   tools/failover/failover.sh detach  <dr-region> <entry-prefix>
#   tools/failover/failover.sh fence   <zone-id> <hostname>
#   tools/failover/failover.sh scale   <dr-region> <cluster> <nodegroup> <nodes> <namespace> <replicas>
#   tools/failover/failover.sh verify  <zone-id> <hostname>
#
# promote, detach and scale run with the prod account's credentials from the DR region's in-VPC runner (the EKS API
# is private); status and verify only read Route 53.
set -euo pipefail

die() { echo "failover: $*" >&2; exit 2; }

# The hostname's failover record of one type (PRIMARY or SECONDARY), as JSON.
record() {
    local zone=$1 name=$2 type=$3
    aws route53 list-resource-record-sets --hosted-zone-id "$zone" --start-record-name "$name" --start-record-type A \
        --query "ResourceRecordSets[?Name=='${name%.}.' && Type=='A' && Failover=='${type}'] | [0]" --output json
}

# What Route 53 itself answers for the hostname now (its own resolver, no cache).
answer() {
    aws route53 test-dns-answer --hosted-zone-id "$1" --record-name "$2" --record-type A --query 'RecordData' --output text | tr '\t' '\n' | sort
}

# The addresses a load balancer's name resolves to.
addresses() { getent ahostsv4 "$1" | awk '{print $1}' | sort -u; }

status() {
    local zone=$1 name=$2 primary check
    primary=$(record "$zone" "$name" PRIMARY)
    [[ $primary != null ]] || die "no PRIMARY failover record for $name in $zone"
    check=$(jq -r .HealthCheckId <<<"$primary")
    echo "PRIMARY   $(jq -r .SetIdentifier <<<"$primary")  $(jq -r .AliasTarget.DNSName <<<"$primary")"
    # Each Route 53 checker's last observation: the check fails once fewer than 18 % of them see it healthy.
    aws route53 get-health-check-status --health-check-id "$check" \
        --query 'HealthCheckObservations[].[Region, StatusReport.Status]' --output text | sed 's/^/  checker   /'
    local secondary
    secondary=$(record "$zone" "$name" SECONDARY)
    if [[ $secondary == null ]]; then
        echo "SECONDARY none: Route 53 has no other region to answer with"
    else
        echo "SECONDARY $(jq -r .SetIdentifier <<<"$secondary")  $(jq -r .AliasTarget.DNSName <<<"$secondary")"
    fi
    echo "answer    $(answer "$zone" "$name" | paste -sd' ')"
}

promote() {
    local region=$1 replica=$2
    local source
    source=$(aws rds describe-db-instances --region "$region" --db-instance-identifier "$replica" \
        --query 'DBInstances[0].ReadReplicaSourceDBInstanceIdentifier' --output text)
    [[ $source != None ]] || die "$replica in $region is not a read replica (already promoted?)"
    # Data loss is the replica's lag at this moment: the RPO actually met.
    aws cloudwatch get-metric-statistics --region "$region" --namespace AWS/RDS --metric-name ReplicaLag \
        --dimensions "Name=DBInstanceIdentifier,Value=$replica" --statistics Maximum --period 60 \
        --start-time "$(date -u -d '-10 min' +%FT%TZ)" --end-time "$(date -u +%FT%TZ)" \
        --query 'sort_by(Datapoints, &Timestamp)[-1].Maximum' --output text | sed 's/^/replica lag (s): /'
    # A standalone instance from here on: automated backups (35 days, prod's PITR window), then Multi-AZ.
    aws rds promote-read-replica --region "$region" --db-instance-identifier "$replica" --backup-retention-period 35
    aws rds wait db-instance-available --region "$region" --db-instance-identifier "$replica"
    aws rds modify-db-instance --region "$region" --db-instance-identifier "$replica" --multi-az --deletion-protection --apply-immediately
    aws rds wait db-instance-available --region "$region" --db-instance-identifier "$replica"
}

# The login, JWT and SMTP entries the pilot light reads are replicas of the primary's: read-only in this region and
# written by the primary's rotation alone. Stopping replication (called in the replica's region) makes each a
# standalone entry here, with the same name, value and key, which the promoted database's logins keep matching.
detach() {
    local region=$1 prefix=$2 name
    for name in $(aws secretsmanager list-secrets --region "$region" --filters "Key=name,Values=${prefix}/" \
        --query "SecretList[?PrimaryRegion && PrimaryRegion != '${region}'].Name" --output text); do
        aws secretsmanager stop-replication-to-replica --region "$region" --secret-id "$name"
        echo "standalone in $region: $name"
    done
}

# After promotion the old primary must never take the hostname back by itself: when its region recovers, its
# load balancer and its now stale database would pass the readiness check again. Pointing the check at a path
# the load balancer does not route (its default answer, 404) keeps it unhealthy whatever the region does, until
# `pulumi up --refresh` of the old primary's stack restores it (fail-back, deliberately).
fence() {
    local zone=$1 name=$2 primary check
    primary=$(record "$zone" "$name" PRIMARY)
    [[ $primary != null ]] || die "no PRIMARY failover record for $name in $zone"
    check=$(jq -r .HealthCheckId <<<"$primary")
    aws route53 update-health-check --health-check-id "$check" --resource-path /careplane-failed-over >/dev/null
    echo "health check $check now requests /careplane-failed-over: the PRIMARY stays unhealthy until pulumi up --refresh of its stack"
}

scale() {
    local region=$1 cluster=$2 nodegroup=$3 nodes=$4 namespace=$5 replicas=$6
    local max
    max=$(aws eks describe-nodegroup --region "$region" --cluster-name "$cluster" --nodegroup-name "$nodegroup" \
        --query 'nodegroup.scalingConfig.maxSize' --output text)
    ((nodes <= max)) || die "$nodes nodes exceed the node group's maximum of $max"
    aws eks update-nodegroup-config --region "$region" --cluster-name "$cluster" --nodegroup-name "$nodegroup" \
        --scaling-config "minSize=$nodes,desiredSize=$nodes,maxSize=$max"
    aws eks wait nodegroup-active --region "$region" --cluster-name "$cluster" --nodegroup-name "$nodegroup"
    aws eks update-kubeconfig --region "$region" --name "$cluster" --kubeconfig "${KUBECONFIG:-$HOME/.kube/config}" >/dev/null
    # The guide's own step: every Deployment to the prod floor; each HPA takes over from there.
    kubectl scale deployment --all --replicas="$replicas" -n "$namespace"
    local deployment
    for deployment in $(kubectl get deployment -n "$namespace" -o name); do
        kubectl rollout status "$deployment" --timeout=15m -n "$namespace"
    done
}

verify() {
    local zone=$1 name=$2 secondary expected got
    secondary=$(record "$zone" "$name" SECONDARY)
    [[ $secondary != null ]] || die "no SECONDARY failover record for $name in $zone"
    expected=$(addresses "$(jq -r .AliasTarget.DNSName <<<"$secondary")")
    got=$(answer "$zone" "$name")
    if [[ -n $got ]] && comm -12 <(echo "$expected") <(echo "$got") | grep -q .; then
        echo "Route 53 answers $name with the $(jq -r .SetIdentifier <<<"$secondary") load balancer"
    else
        die "Route 53 still answers $name with $(paste -sd' ' <<<"$got"), not the secondary's $(paste -sd' ' <<<"$expected")"
    fi
}

command=${1:-}
shift || true
case $command in
    status) (($# == 2)) || die "usage: status <zone-id> <hostname>"; status "$@" ;;
    promote) (($# == 2)) || die "usage: promote <dr-region> <replica-identifier>"; promote "$@" ;;
    detach) (($# == 2)) || die "usage: detach <dr-region> <entry-prefix>"; detach "$@" ;;
    fence) (($# == 2)) || die "usage: fence <zone-id> <hostname>"; fence "$@" ;;
    scale) (($# == 6)) || die "usage: scale <dr-region> <cluster> <nodegroup> <nodes> <namespace> <replicas>"; scale "$@" ;;
    verify) (($# == 2)) || die "usage: verify <zone-id> <hostname>"; verify "$@" ;;
    *) die "usage: failover.sh status|promote|detach|fence|scale|verify ..." ;;
esac
