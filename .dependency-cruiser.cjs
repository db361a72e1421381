/**
 * The layers, checked on every `npm run lint` (`depcruise`):
 *
 *   proxy.ts → app/ (pages, actions, route handlers) → components/, lib/
 *   lib/http, lib/session → lib/portal → lib/odoo → Odoo
 *
 * Type-only imports count as edges for circles (a circle of types still ties two modules
 * together), but a type may name lib/odoo's client from anywhere under lib/: the request
 * context carries it.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules in a circle cannot be understood, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'components-not-app',
      severity: 'error',
      comment: 'Components are fed by app/ (data and server actions as props); they never reach up into routes.',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'lib-not-up',
      severity: 'error',
      comment: 'lib/ is below app/ and components/, and never runs the simulator or the dev identity provider.',
      from: { path: '^lib/' },
      to: { path: '^(app|components|odoo-sim|dev-idp|scripts|bench|tests)/|^(proxy|auth)\\.ts$' },
    },
    {
      name: 'odoo-only-through-portal',
      severity: 'error',
      comment: 'Only lib/portal calls Odoo (it adds the tenant to every call); scripts, tests and benchmarks may use the client directly.',
      from: { pathNot: '^(lib/odoo|lib/portal|scripts|tests|bench)/' },
      to: { path: '^lib/odoo/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-is-the-top',
      severity: 'error',
      comment:
        'Nothing else imports a route either (components/ and lib/ have their own rules above): shared pieces live in components/ or lib/.',
      from: { pathNot: '^(app|components|lib|tests)/' }, // tests call route handlers and actions directly
      to: { path: '^app/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.next|\\.data|test-results|playwright-report)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
