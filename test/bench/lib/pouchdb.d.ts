// The little of PouchDB 9 and express-pouchdb 4 the benchmark's peer uses (they ship no types).
declare module 'pouchdb-core' {
  namespace PouchDB {
    interface Database {
      bulkDocs(docs: readonly object[]): Promise<unknown[]>;
      destroy(): Promise<void>;
    }
    interface ReplicationResult {
      ok: boolean;
      docs_written: number;
    }
  }
  interface PouchDBStatic {
    new (name: string, options?: { adapter?: string }): PouchDB.Database;
    plugin(plugin: unknown): PouchDBStatic;
    defaults(options: { adapter?: string }): PouchDBStatic;
    replicate(
      source: PouchDB.Database | string,
      target: PouchDB.Database | string,
      options?: { batch_size?: number; batches_limit?: number },
    ): Promise<PouchDB.ReplicationResult>;
  }
  const PouchDB: PouchDBStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-adapter-http' {
  const plugin: unknown;
  export default plugin;
}
declare module 'pouchdb-replication' {
  const plugin: unknown;
  export default plugin;
}
declare module 'express-pouchdb' {
  import type { Server } from 'node:http';

  interface App {
    listen(port: number, host: string, callback: () => void): Server;
  }
  export default function expressPouchDb(
    pouchdb: unknown,
    options?: { mode?: string; inMemoryConfig?: boolean; logPath?: string },
  ): App;
}
