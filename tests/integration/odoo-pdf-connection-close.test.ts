import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OdooWebSession } from '../../lib/odoo/web-session';
import { InvoicePdfSource } from '../../lib/odoo/invoice-pdf';
import { TimeBudget } from '../../lib/odoo/budget';

/**
 * Odoo's HTTP server answers a PDF with `Connection: close` and closes the socket right after
 * the last byte. Read slowly (a browser on a slow line), undici 7 used to meet that FIN with its
 * parser paused and kill the whole process with an assertion nothing could catch.
 */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(256 * 1024, 0x61)]);
let server: Server;
let url: string;

/** Answers with the PDF in pieces, as Odoo's server writes it, then the FIN right after the last one. */
async function answerWithPdf(socket: Socket) {
  socket.write(`HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: ${PDF.length}\r\nConnection: close\r\n\r\n`);
  for (let at = 0; at < PDF.length; at += 8192) {
    socket.write(PDF.subarray(at, at + 8192));
    await new Promise((resolve) => setImmediate(resolve));
  }
  socket.end();
}

beforeAll(async () => {
  server = createServer((socket) => {
    socket.once('data', () => void answerWithPdf(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('streams a PDF that the server sends with Connection: close to a slow reader, whole, without bringing the process down', async () => {
  const config = { url, db: 'x', login: 'x', apiKey: 'x', protocol: 'json2' as const, timeoutMs: 2_000, maxConcurrency: 4, readRetries: 0 };
  const source = new InvoicePdfSource(config, new OdooWebSession(config));
  for (let i = 0; i < 12; i++) {
    const pdf = await source.open(1, false, async () => '/my/invoices/1?report_type=pdf', new TimeBudget(2_000));
    let bytes = 0;
    for await (const chunk of pdf.body) {
      bytes += (chunk as Buffer).length;
      await new Promise((resolve) => setTimeout(resolve, 2)); // slower than loopback
    }
    expect(bytes).toBe(PDF.length);
  }
});
