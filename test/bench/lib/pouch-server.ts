// The PouchDB peer's server, run as a child process (its own event loop, as `rapport serve` has):
// express-pouchdb over in-memory PouchDB databases, on a free loopback port printed as JSON on stdout.
import expressPouchDb from 'express-pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-core';
import replication from 'pouchdb-replication';

PouchDB.plugin(memoryAdapter).plugin(replication);
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });
const app = expressPouchDb(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true });
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
