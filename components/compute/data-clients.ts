import { DataStore } from "../network/data-stores";
import { ServiceConfig } from "../config/schema/services";

/** The data stores a service uses: PostgreSQL if it lists a database login, Redis if it lists redis, EFS if it mounts files. */
export function dataStoresOf(svc: Pick<ServiceConfig, "secrets" | "files">): DataStore[] {
    const stores: DataStore[] = [];
    if (svc.secrets.some((s) => s === "database" || s.startsWith("database-"))) stores.push("postgres");
    if (svc.secrets.includes("redis")) stores.push("redis");
    if (Object.keys(svc.files).length > 0) stores.push("files");
    return stores;
}
