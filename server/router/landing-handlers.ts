import { fileChangeDto, leftOutDto, patchDto, turnSummaryDto } from './dto';
import { given, inLanding, map, type HandlerTable } from './route-kit';

/** Reviewing each agent's turns, and landing, sharing or discarding a worktree agent's branch. */
export const landingHandlers = {
  'turns.list': inLanding(async ({ slug }, l) => map(await l.listTurns.execute({ slug }), (turns) => turns.map(turnSummaryDto))),
  'turns.changes': inLanding(async ({ slug, turn }, l) =>
    map(await l.turnChanges.execute({ slug, turn }), (c) => ({
      turn: turnSummaryDto(c.turn),
      files: c.files.map((f) => ({ ...fileChangeDto(f), attribution: f.attribution, alsoBy: [...f.alsoBy] })),
      leftOut: leftOutDto(c.leftOut),
      settled: c.settled,
    })),
  ),
  'turns.patch': inLanding(async ({ slug, turn, path, maxBytes, wholeFile }, l) => map(await l.turnPatch.execute({ slug, turn, ...given({ path, maxBytes, wholeFile }) }), patchDto)),
  'turns.previewUndo': inLanding(async ({ slug, turn, confirm }, l) =>
    map(await l.previewUndo.execute({ slug, turn, confirm }), (p) => ({
      turn: p.turn,
      basis: p.basis,
      files: p.files.map((f) => ({ path: f.path, outcome: f.outcome, effect: f.effect, attribution: f.attribution })),
      needsConfirmation: p.needsConfirmation.map((r) => ({ path: r.path, reason: r.reason })),
      skipped: p.skipped.map((r) => ({ path: r.path, reason: r.reason })),
      changes: p.changes.map(fileChangeDto),
      patch: patchDto(p.patch),
    })),
  ),
  'turns.undo': inLanding(async ({ slug, turn, confirm, basis }, l) =>
    map(await l.undoTurn.execute({ slug, turn, confirm, ...given({ basis }) }), (u) => ({ turn: u.turn, written: [...u.written], removed: [...u.removed], ...given({ beforeUndo: u.beforeUndo }) })),
  ),

  'branch.changes': inLanding(async ({ slug }, l) =>
    map(await l.agentChanges.execute({ slug }), (c) => ({
      branch: c.branch,
      baseBranch: c.baseBranch,
      baseTip: c.baseTip,
      forkPoint: c.forkPoint,
      head: c.head,
      files: c.files.map(fileChangeDto),
      uncommitted: [...c.uncommitted],
      leftOut: leftOutDto(c.leftOut),
    })),
  ),
  'branch.patch': inLanding(async ({ slug, path, maxBytes, wholeFile }, l) => map(await l.agentPatch.execute({ slug, ...given({ path, maxBytes, wholeFile }) }), patchDto)),
  'branch.draftMessage': inLanding(async ({ slug }, l) => map(await l.draftMessage.execute({ slug }), (d) => ({ message: d.message }))),
  'branch.checkLanding': inLanding(async ({ slug, strategy }, l) =>
    map(await l.checkLanding.execute({ slug, strategy }), (c) => ({
      branch: c.branch,
      baseBranch: c.baseBranch,
      baseTip: c.baseTip,
      strategy: c.strategy,
      toCommit: c.toCommit.map(fileChangeDto),
      files: c.files.map(fileChangeDto),
      conflicts: [...c.conflicts],
      ...(c.blockedBy ? { blockedBy: { checkout: c.blockedBy.checkout, files: [...c.blockedBy.files] } } : {}),
      fastForward: c.fastForward,
      leftOut: [...c.leftOut],
      ready: c.ready,
    })),
  ),
  'branch.land': inLanding(async ({ slug, strategy, message, mergeMessage }, l) =>
    map(await l.land.execute({ slug, strategy, ...given({ message, mergeMessage }) }), (d) => ({ baseBranch: d.baseBranch, from: d.from, to: d.to, strategy: d.strategy, ...given({ committed: d.committed }) })),
  ),
  'branch.commit': inLanding(async ({ slug, message }, l) => map(await l.commit.execute({ slug, message }), (c) => ({ commit: c.commit, files: [...c.files] }))),
  'branch.push': inLanding(async ({ slug, which, remote }, l) => map(await l.push.execute({ slug, which, ...given({ remote }) }), (p) => ({ remote: p.remote, branch: p.branch }))),
  'branch.pullRequest': inLanding(async ({ slug, title, body, remote }, l) =>
    map(await l.pullRequest.execute({ slug, title, ...given({ body, remote }) }), (p) => (p.kind === 'opened' ? { kind: p.kind, url: p.url } : { kind: p.kind, command: [...p.command], reason: p.reason })),
  ),
  'branch.previewDiscard': inLanding(async ({ slug }, l) =>
    map(await l.previewDiscard.execute({ slug }), (p) => ({ branch: p.branch, files: p.files.map(fileChangeDto), token: p.token, tooLarge: [...p.tooLarge] })),
  ),
  'branch.discard': inLanding(async ({ slug, confirm, token }, l) =>
    map(await l.discard.execute({ slug, confirm, token }), (d) => ({ resetTo: d.resetTo, ...given({ discardedTo: d.discardedTo }) })),
  ),
  'branch.previewRemoveWorktree': inLanding(async ({ slug }, l) =>
    map(await l.previewRemoveWorktree.execute({ slug }), (r) => ({ path: r.path, branch: r.branch, ...given({ tip: r.tip }), uncommitted: [...r.uncommitted], commits: r.commits.map((c) => ({ id: c.id, subject: c.subject })) })),
  ),
  'branch.removeWorktree': inLanding(async ({ slug }, l) => map(await l.removeWorktree.execute({ slug }), (r) => ({ removed: r.removed, ...given({ deletedBranch: r.deletedBranch }) }))),
  'agents.overlaps': inLanding(async ({ slugs }, l) =>
    map(await l.overlaps.execute({ slugs }), (o) => ({
      agents: o.agents.map((a) => ({ slug: a.slug, files: [...a.files] })),
      overlaps: o.overlaps.map((x) => ({ agents: [x.agents[0], x.agents[1]] as [string, string], files: [...x.files] })),
    })),
  ),
} satisfies Partial<HandlerTable>;
