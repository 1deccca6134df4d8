import { stopSharedAnalyzer } from "./engine";

export const mochaHooks = {
    async afterAll() {
        await stopSharedAnalyzer();
    },
};
