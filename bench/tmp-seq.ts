import { startLoadStack } from './load-stack';
const BOB = 'bob@brightline.example';
const paths = process.argv.slice(2);
const { stack, cookies } = await startLoadStack({ port: 3203, simPort: 8273, idpPort: 4603, logins: [BOB], latencyMs: 0 });
const cookie = cookies[BOB]!;
const times: Record<string, number[]> = {};
for (let round = 0; round < 80; round++) {
  for (const p of paths) {
    const t0 = performance.now();
    const res = await fetch(`${stack.url}${p}`, { headers: { cookie, 'accept-encoding': 'identity' } });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (round >= 10) (times[p] ??= []).push(ms);
  }
}
for (const p of paths) {
  const s = times[p]!.sort((a, b) => a - b);
  console.log(p.padEnd(30), 'p50', s[Math.floor(s.length / 2)]!.toFixed(1), 'p25', s[Math.floor(s.length / 4)]!.toFixed(1));
}
await stack.stop();
process.exit(0);
