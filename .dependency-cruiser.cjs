/** The layer boundaries, enforced in `npm test`. Do not relax these rules: move the code instead. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
    {
      name: 'domain-is-pure',
      comment: 'domain imports only domain: no npm packages, no node builtins.',
      severity: 'error',
      from: { path: '^domain/' },
      to: { pathNot: '^domain/' },
    },
    {
      name: 'application-imports-domain-only',
      severity: 'error',
      comment: 'Tests of use cases may build the in-memory fakes; the use cases themselves may not.',
      from: { path: '^application/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^(domain|application)/' },
    },
    {
      name: 'adapters-stay-apart',
      comment:
        'An adapter implements ports; it never reaches another adapter, a use case, the main process or the UI. ' +
        'adapters/contracts (behaviour specs) and adapters/shared (helpers that implement no port, such as the ' +
        'no-link rule inside .tessera) are libraries of the adapters, not adapters.',
      severity: 'error',
      from: { path: '^adapters/([^/]+)/' },
      to: { path: '^adapters/([^/]+)/', pathNot: ['^adapters/$1/', '^adapters/contracts/', '^adapters/shared/'] },
    },
    {
      name: 'adapters-shared-is-a-leaf',
      comment: 'The shared helpers may not lean on any adapter, or the libraries would become a back door between them.',
      severity: 'error',
      from: { path: '^adapters/shared/' },
      to: { path: '^adapters/', pathNot: '^adapters/shared/' },
    },
    {
      name: 'adapters-implement-ports-only',
      severity: 'error',
      from: { path: '^adapters/' },
      to: { path: '^(application|contract|server|desktop|cli|renderer|e2e)/' },
    },
    {
      name: 'only-the-composition-root-builds-adapters',
      comment:
        'server/composition/ is where adapters are built (each once in its scope); the rest of the server, the desktop ' +
        'app and the command line get what it built. Tests may build fakes; the bench drives a real PTY.',
      severity: 'error',
      from: { pathNot: ['^adapters/', '^server/composition/', '^bench/', '\\.test\\.ts$'] },
      to: { path: '^adapters/' },
    },
    {
      name: 'the-composition-root-is-the-one-entry-to-the-wiring',
      comment:
        'server/composition-root.ts is the one module outside server/composition/ that imports it, so no caller can ' +
        'reach the adapters a scope holds.',
      severity: 'error',
      from: { pathNot: ['^server/composition/', '^server/composition-root\\.ts$'] },
      to: { path: '^server/composition/' },
    },
    {
      name: 'renderer-knows-only-the-contract',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(domain|application|adapters|server|desktop|cli)/' },
    },
    {
      name: 'renderer-has-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'contract-stands-alone',
      comment: 'The contract is shared with the untrusted renderer: zod and itself only.',
      severity: 'error',
      from: { path: '^contract/' },
      to: { pathNot: ['^contract/', 'node_modules/zod/'] },
    },
    {
      name: 'node-pty-only-in-adapters-pty',
      severity: 'error',
      from: { pathNot: '^adapters/pty/' },
      to: { path: 'node_modules/node-pty/' },
    },
    {
      name: 'the-server-serves-every-client',
      comment: 'The server knows no client: the desktop app and the command line talk to it, never the other way.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(desktop|cli|renderer)/' },
    },
    {
      name: 'the-programs-stay-apart',
      comment: 'The desktop app and the command line are separate programs; each reaches only the server and the contract.',
      severity: 'error',
      from: { path: '^(desktop|cli)/' },
      to: { path: '^(desktop|cli|renderer)/', pathNot: ['^$1/'] },
    },
    {
      name: 'the-transport-bench-is-tests-only',
      comment:
        'transports/ runs one contract spec against both client transports, each behind the real server side of ' +
        'its transport: the one place that may reach the renderer, the desktop app and the server together, so it ' +
        'holds tests only and nothing imports it.',
      severity: 'error',
      from: { path: '^transports/', pathNot: '\\.(test|contract)\\.ts$' },
      to: {},
    },
    {
      name: 'nothing-imports-the-transport-bench',
      severity: 'error',
      from: { pathNot: '^transports/' },
      to: { path: '^transports/' },
    },
    {
      name: 'e2e-is-black-box',
      severity: 'error',
      from: { path: '^e2e/' },
      to: { path: '^(domain|application|adapters|contract|server|desktop|cli|renderer)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|\\.tsbuild)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.tests.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'] },
  },
};
