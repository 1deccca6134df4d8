// A fact of AWS both sides need: the program admits these accounts to the load balancers' log bucket,
// and the pack trusts them there and nowhere else. No imports, so the program can read it without the pack.

/**
 * Elastic Load Balancing's log-delivery accounts, per region opened before August 2022 (newer
 * regions deliver as logdelivery.elasticloadbalancing.amazonaws.com). They may write load balancer
 * access logs into a bucket, nothing else. Source: "Enable access logs for your Application Load
 * Balancer", Elastic Load Balancing User Guide
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html).
 */
export const elbLogDeliveryAccounts: Record<string, string> = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "ca-central-1": "985666609251",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-west-3": "009996457667",
    "eu-central-1": "054676820928",
    "eu-north-1": "897822967062",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ap-south-1": "718504428378",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
};
