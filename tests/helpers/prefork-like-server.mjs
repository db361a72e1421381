// A server in its own process (so it keeps time while a test blocks its own event loop) that answers as an
// Odoo prefork worker does: one request per connection, `Connection: close`, and an idle connection closed
// IDLE_MS after it was accepted. Prints its port, then each connection's events, as JSON lines on stdout.
import { createServer } from 'node:net';
const idleMs = Number(process.env.IDLE_MS ?? 2000);
let n = 0;
const server = createServer((socket) => {
  const id = n++;
  const t0 = Date.now();
  socket.setTimeout(idleMs, () => {
    console.log(JSON.stringify({ id, event: 'idle-close', afterMs: Date.now() - t0 }));
    socket.destroy();
  });
  socket.once('data', () => {
    socket.setTimeout(0);
    console.log(JSON.stringify({ id, event: 'request' }));
    socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}');
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
