/** Liveness for load balancers: the process answers. (ERP reachability is not part of it.) */
export function GET() {
  return Response.json({ ok: true }, { headers: { 'Cache-Control': 'private, no-store' } });
}
