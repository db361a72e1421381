import { portalConfig } from './config';
import { processSingleton } from './process-singleton';
import { createLimiter, redisFromUrl, type Limiter } from './rate-limit';

/**
 * The portal's limiters, one set per process whatever the bundling: the proxy counts
 * sign-in requests and checks failures, the auth route handler and the sign-in callback
 * record failures, and each is its own server bundle. Shared between instances through
 * Redis when REDIS_URL is set.
 */
export interface PortalLimiters {
  /** Requests per signed-in user per minute. */
  user: Limiter;
  /** Requests on the sign-in paths per IP per minute: the flood ceiling. */
  signInRequests: Limiter;
  /** Failed sign-ins per IP per 15 minutes. */
  signInFailuresByIp: Limiter;
  /** Refused sign-ins per IdP account per 15 minutes. */
  signInFailuresByAccount: Limiter;
  /** Unsigned or wrongly signed calls to /api/odoo-webhook per IP per 15 minutes. */
  webhookFailuresByIp: Limiter;
}

export const SIGN_IN_FAILURE_WINDOW_SECONDS = 15 * 60;

export function portalLimiters(): PortalLimiters {
  return processSingleton('limiters', createPortalLimiters);
}

function createPortalLimiters(): PortalLimiters {
  const c = portalConfig();
  const redis = c.REDIS_URL ? redisFromUrl(c.REDIS_URL) : undefined;
  const limiter = (name: string, points: number, durationSeconds: number) =>
    createLimiter({ name, points, durationSeconds, redis, failMode: c.RATE_LIMIT_FAIL_MODE });
  return {
    user: limiter('user', c.RATE_LIMIT_USER_PER_MINUTE, 60),
    signInRequests: limiter('signin-ip', c.RATE_LIMIT_SIGNIN_PER_MINUTE, 60),
    signInFailuresByIp: limiter('signin-fail-ip', c.RATE_LIMIT_SIGNIN_FAILURES_PER_IP, SIGN_IN_FAILURE_WINDOW_SECONDS),
    signInFailuresByAccount: limiter('signin-fail-account', c.RATE_LIMIT_SIGNIN_FAILURES_PER_ACCOUNT, SIGN_IN_FAILURE_WINDOW_SECONDS),
    webhookFailuresByIp: limiter('webhook-fail-ip', c.RATE_LIMIT_WEBHOOK_FAILURES_PER_IP, SIGN_IN_FAILURE_WINDOW_SECONDS),
  };
}
