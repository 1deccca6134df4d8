// Who runs `pulumi up`: the readiness rules that ask "may the deployer do this?" must ask about the role that exists.
import { expect } from "chai";
import { ReadinessContext } from "../../tools/readiness/context";
import { accountOf, cleanPlan, TODAY } from "./support/clean";

const ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";

describe("the readiness analysis's deployer", () => {
    it("is the principal an EKS stack makes cluster admin", async () => {
        const plan = await cleanPlan("dev");
        const admins = plan.resources.filter((r) => r.type === ASSOCIATION && /ClusterAdmin/.test(String(r.inputs.policyArn)));
        expect(admins).to.have.length(1);
        expect(new ReadinessContext(plan, TODAY).deployer).to.equal(admins[0].inputs.principalArn);
    });

    it("is the same deploy role, named from the stack's application and environment, where no access entry names it (ECS)", async () => {
        const plan = await cleanPlan("dev");
        const admin = plan.resources.find((r) => r.type === ASSOCIATION && /ClusterAdmin/.test(String(r.inputs.policyArn)))!;
        plan.resources = plan.resources.filter((r) => r.type !== ASSOCIATION);
        const deployer = new ReadinessContext(plan, TODAY).deployer;
        expect(deployer).to.equal(admin.inputs.principalArn);
        expect(deployer).to.equal(`arn:aws:iam::${accountOf(plan)}:role/caresync-dev-ci-deploy`);
    });
});
