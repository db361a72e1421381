import { handlers } from '@/auth';
import { notFound } from '@/lib/errors';
import { isAuthRoute } from '@/lib/http/auth-routes';
import { requestIdFrom } from '@/lib/http/request-id';
import { errorResponse } from '@/lib/http/route';
import { countingFailedSignIns } from '@/lib/sign-in-limits';

/** next-auth for its own routes; any other path under /api/auth is not found, quietly. */
const authRoutesOnly =
  <R extends Request>(handler: (req: R) => Promise<Response>) =>
  (req: R): Promise<Response> =>
    isAuthRoute(new URL(req.url).pathname) ? handler(req) : Promise.resolve(errorResponse(notFound(), requestIdFrom(req.headers)));

// Sign-ins that end at the error page count against the IP's failed attempts.
export const GET = authRoutesOnly(countingFailedSignIns(handlers.GET));
export const POST = authRoutesOnly(countingFailedSignIns(handlers.POST));
