import pino from 'pino';

/**
 * The one logger. JSON lines to stdout (collected by the platform); level from LOG_LEVEL.
 * Secrets never reach it: the Odoo client logs model, method and timing, not arguments.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { app: 'portal' },
  redact: ['*.password', '*.apiKey', '*.authorization', '*.cookie'],
});
