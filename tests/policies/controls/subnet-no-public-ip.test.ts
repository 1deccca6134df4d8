import { patch, specControl } from "../../support/controls";
import { subnet } from "../baselines/network";

specControl("careplane-subnet-no-public-ip", {
    passes: [{ it: "a subnet that assigns no public addresses", fixtures: [subnet] }],
    fails: [
        {
            it: "a subnet mapping public IPv4 addresses",
            fixtures: patch([subnet], "app-0", { mapPublicIpOnLaunch: true }),
            message: "it assigns public IPv4 addresses on launch",
        },
        {
            it: "a subnet assigning IPv6 addresses",
            fixtures: patch([subnet], "app-0", { assignIpv6AddressOnCreation: true }),
            message: "it assigns IPv6 addresses on creation",
        },
    ],
});
