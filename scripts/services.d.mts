// Types of scripts/services.mjs, for the TypeScript tests that start the services themselves.
export const FERRETDB_VERSION: string;
export function cacheDir(): string;
export function installFerretdb(): string | null;
export function installRedis(): string | null;
export function startServices(options?: { redis?: boolean }): Promise<{ dir: string; mongodbUrl: string | undefined; redisUrl: string | undefined }>;
export function stopServices(dir: string): void;
export function startRedis(dir: string, port: number): Promise<void>;
export function stopRedis(dir: string, port: number): Promise<void>;
