// The pack's CIDR arithmetic (policies/lib/cidr.ts), which the security-group and network-ACL controls use.
import { expect } from "chai";
import { wholeInternet } from "../../policies/lib/cidr";

describe("CIDR ranges adding up to the whole internet", () => {
    it("finds 0.0.0.0/0 and ::/0 whichever way they are split, and only then", () => {
        expect(wholeInternet(["0.0.0.0/1", "128.0.0.0/1"])).to.deep.equal(["0.0.0.0/0"]);
        expect(wholeInternet(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1", "10.0.0.0/8"])).to.deep.equal(["0.0.0.0/0"]);
        expect(wholeInternet(["::/1", "8000::/1"])).to.deep.equal(["::/0"]);
        expect(wholeInternet(["0::/1", "8000:0:0:0:0:0:0:0/1", "0.0.0.0/0"])).to.deep.equal(["0.0.0.0/0", "::/0"]);
        expect(wholeInternet(["0.0.0.0/1", "128.0.0.0/2"])).to.deep.equal([]);
        expect(wholeInternet(["10.0.0.0/16", "not-a-cidr", "::/1"])).to.deep.equal([]);
    });
});
