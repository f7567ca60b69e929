/** Layer boundaries of DESIGN §1, enforced in `npm test`. Do not relax these rules: move the code instead. */
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
      to: { path: '^(application|electron|renderer|e2e)/' },
    },
    {
      name: 'only-electron-builds-adapters',
      severity: 'error',
      from: { pathNot: ['^(adapters|electron|bench)/', '^application/.*\\.test\\.ts$'] },
      to: { path: '^adapters/' },
    },
    {
      name: 'renderer-knows-only-the-contract',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(domain|application|adapters|electron)/', pathNot: '^electron/contract/' },
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
      from: { path: '^electron/contract/' },
      to: { pathNot: ['^electron/contract/', 'node_modules/zod/'] },
    },
    {
      name: 'node-pty-only-in-adapters-pty',
      severity: 'error',
      from: { pathNot: '^adapters/pty/' },
      to: { path: 'node_modules/node-pty/' },
    },
    {
      name: 'e2e-is-black-box',
      severity: 'error',
      from: { path: '^e2e/' },
      to: { path: '^(domain|application|adapters|electron|renderer)/' },
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
