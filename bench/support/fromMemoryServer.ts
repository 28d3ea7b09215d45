// The baseline of `bench/dashboardQuery.ts`: a plain node:http server that answers every request with the
// same JSON body, read once from a file into memory. `node --import tsx fromMemoryServer.ts <body.json>`;
// prints `listening <port>` when ready.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.argv[2]!);
const server = createServer((request, response) => {
  // Read the request to its end, as the gateway does, then answer from memory.
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : ''}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
