/** The data stores in the isolated subnets, by the port their clients reach them on. */
export const dataStorePorts = { postgres: 5432, redis: 6379, files: 2049 } as const;
export type DataStore = keyof typeof dataStorePorts;
