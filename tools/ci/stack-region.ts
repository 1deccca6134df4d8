// Prints a stack's AWS region as its stack file sets it (`aws:region`), for CI steps that need it
// before Pulumi runs (the AWS credentials action): `npm run --silent stack:region -- prod`.
import { readStackFile, StackFileError } from "../engine/stack-files";

const [stack] = process.argv.slice(2);
try {
    if (!stack) throw new StackFileError("usage: npm run --silent stack:region -- <stack>");
    const region = readStackFile(".", stack).config["aws:region"];
    if (!region) throw new StackFileError(`Pulumi.${stack}.yaml: no aws:region`);
    console.log(region);
} catch (err) {
    if (!(err instanceof StackFileError)) throw err;
    console.error(err.message);
    process.exit(2);
}
