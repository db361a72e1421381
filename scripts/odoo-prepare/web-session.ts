/**
 * A web session on Odoo as one user, for what Odoo only offers to a person in its web
 * client: the "New API Key" wizard of Preferences → Account Security. Its `make_key` is
 * guarded by `@check_identity` (odoo/addons/base/models/res_users.py, 17.0-19.0): it runs
 * only in a web session whose password was re-checked within ten minutes, so it cannot be
 * called over /jsonrpc or /json/2, and `res.users.apikeys._generate` is private.
 */
import { postJson, parseJson } from '../../lib/odoo/http';

export class OdooWebSession {
  private cookie = '';
  private nextId = 1;

  constructor(
    private readonly url: string,
    private readonly db: string,
    private readonly timeoutMs = 60_000,
  ) {}

  /** `/web/session/authenticate` with a password (an API key does not open a web session on 19). */
  async login(login: string, password: string): Promise<number> {
    const result = (await this.rpc('/web/session/authenticate', { db: this.db, login, password })) as { uid?: unknown };
    if (typeof result?.uid !== 'number') throw new Error(`Odoo opened no web session for ${login}`);
    return result.uid;
  }

  /** `/web/dataset/call_kw`, as the web client's buttons call model methods. */
  callKw(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> {
    return this.rpc(`/web/dataset/call_kw/${model}/${method}`, { model, method, args, kwargs });
  }

  private async rpc(path: string, params: Record<string, unknown>): Promise<unknown> {
    const res = await postJson(
      `${this.url}${path}`,
      { jsonrpc: '2.0', method: 'call', id: this.nextId++, params },
      this.cookie ? { Cookie: this.cookie } : {},
      this.timeoutMs,
    );
    const sessionId = /session_id=[^;]+/.exec(res.header('set-cookie') ?? '')?.[0];
    if (sessionId) this.cookie = sessionId;
    const json = parseJson(res.text) as { result?: unknown; error?: { data?: { name?: string; message?: string } } } | undefined;
    if (res.status !== 200 || !json) throw new Error(`${path}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
    if (json.error) throw new Error(`${path}: ${json.error.data?.name}: ${json.error.data?.message}`);
    return json.result;
  }
}

/**
 * Makes an API key for the session's user the way a person does in Preferences: the
 * description wizard, `make_key`, the password check it asks for, then the key from the
 * "API Key Ready" action. Odoo 18+ key durations are capped for non-administrators by their
 * groups' "API Keys maximum duration days" (90 for internal users): `days` is asked for there.
 */
export async function makeApiKey(
  session: OdooWebSession,
  opts: { password: string; name: string; major: number; days: number },
): Promise<string> {
  const values: Record<string, unknown> = { name: opts.name };
  if (opts.major >= 18) values.duration = String(opts.days);
  const wizardId = await session.callKw('res.users.apikeys.description', 'create', [values]);
  let action = (await session.callKw('res.users.apikeys.description', 'make_key', [[wizardId]])) as Action;
  if (action?.res_model === 'res.users.identitycheck') {
    // 17 and 18 keep the password on the check's record; 19 reads it from run_check's context.
    if (opts.major < 19) await session.callKw('res.users.identitycheck', 'write', [[action.res_id], { password: opts.password }]);
    action = (await session.callKw('res.users.identitycheck', 'run_check', [[action.res_id]], {
      context: { password: opts.password },
    })) as Action;
  }
  const key = action?.context?.default_key;
  if (action?.res_model !== 'res.users.apikeys.show' || typeof key !== 'string') {
    throw new Error(`The API key wizard answered ${JSON.stringify(action).slice(0, 200)}`);
  }
  return key;
}

interface Action {
  res_model?: string;
  res_id?: number;
  context?: { default_key?: unknown };
}
