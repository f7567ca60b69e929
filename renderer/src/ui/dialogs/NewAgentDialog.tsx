import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BrokenProfileDto, ErrorDto, ProfileDto } from '../../../../contract/contract';
import { Dialog, Field, FormFooter } from './Dialog';
import { defaultProfile, missingCliHint, profileLabel, useInstalledClis } from './installed-clis';
import { useApp, useProject, useSkills } from '../shell/StoresContext';

type FieldName = 'name' | 'profile' | 'persona' | 'skills' | 'workspace' | 'form';

/** Which field an error from agents.create belongs to, by its kind, so it shows under that field. */
export function fieldOfAgentError(error: ErrorDto): FieldName {
  const kind = error.kind;
  if (kind.includes('profile')) return 'profile';
  if (kind.includes('skill')) return 'skills';
  if (kind.includes('workspace')) return 'workspace';
  if (kind.includes('persona') || kind.includes('frontmatter')) return 'persona';
  if (kind.includes('name') || kind.includes('exists') || kind.includes('slug') || kind.includes('reserved')) return 'name';
  return 'form';
}

const WORKSPACES = [
  { value: 'run-dir', label: 'Run directory (.tessera/run/<agent>)' },
  { value: 'project', label: 'Project root' },
  { value: 'worktree', label: 'Git worktree (branch tessera/<slug>)' },
] as const;

type Workspace = (typeof WORKSPACES)[number]['value'];

/**
 * Why `profile` cannot run in `workspace`, or undefined when it can. A profile that hands its context
 * over as a file in the working directory (CLAUDE.md, AGENTS.md) would write it into the user's own
 * project, which launching refuses.
 */
export function workspaceRefusal(profile: ProfileDto | undefined, workspace: Workspace): string | undefined {
  if (workspace !== 'project' || profile?.inject.kind !== 'convention-file') return undefined;
  return `${profile.name} takes its context as ${profile.inject.target} in the folder it runs in, and Tessera does not write into your project`;
}

/** The workspace an agent of `profile` starts with: a shell is where the user works, the project root. */
function defaultWorkspace(profile: ProfileDto | undefined): Workspace {
  return profile?.id === 'shell' && !workspaceRefusal(profile, 'project') ? 'project' : 'run-dir';
}

/** Where an agent in `workspace` runs, said plainly under the Workspace field. */
export function workspaceWhere(workspace: Workspace, profile: ProfileDto | undefined, projectRoot: string | undefined): string {
  switch (workspace) {
    case 'run-dir': {
      const writes = profile?.inject.kind === 'convention-file' ? `, where Tessera writes its ${profile.inject.target}` : '';
      return `Runs in its own folder, .tessera/run/<agent>${writes}; the project is one folder up.`;
    }
    case 'project':
      return `Runs in the project root${projectRoot ? `, ${projectRoot}` : ''}. Tessera writes nothing there.`;
    case 'worktree':
      return 'Runs in a git worktree of its own, on branch tessera/<agent>, outside the project folder.';
  }
}

const RESTARTS = [
  { value: 'never', label: 'Never' },
  { value: 'on-failure', label: 'On failure' },
] as const;

export function NewAgentDialog({ onClose }: { onClose: () => void }) {
  const app = useApp();
  const profiles = useProject((s) => s.profiles);
  const skillOrder = useSkills((s) => s.order);
  const skillsById = useSkills((s) => s.byId);
  const [name, setName] = useState('');
  const projectRoot = useProject((s) => s.project?.root);
  const installed = useInstalledClis();
  const [profile, setProfile] = useState(() => defaultProfile(profiles, undefined));
  const profileChosen = useRef(false);
  const [persona, setPersona] = useState('');
  const [skills, setSkills] = useState<string[]>([]);
  const profileOf = (id: string) => profiles.find((p) => p.id === id);
  const [workspace, setWorkspace] = useState<Workspace>(() => defaultWorkspace(profileOf(profile)));
  const [restart, setRestart] = useState<(typeof RESTARTS)[number]['value']>('never');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [busy, setBusy] = useState(false);
  const brokenProfiles = useBrokenProfiles();

  // Once the host says which CLIs are installed, a profile the user did not choose gives way to one that is.
  useEffect(() => {
    if (!installed || profileChosen.current) return;
    const before = profiles.find((p) => p.id === profile);
    const next = profiles.find((p) => p.id === defaultProfile(profiles, installed));
    if (!next || next === before) return;
    setProfile(next.id);
    setWorkspace((current) => (workspaceRefusal(next, current) || current === defaultWorkspace(before) ? defaultWorkspace(next) : current));
  }, [installed, profiles, profile]);

  const skillNames = [...new Set(skillOrder.map((key) => skillsById[key]?.name).filter((n): n is string => !!n))];

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy) return;
    if (!name.trim()) {
      setErrors({ name: 'Give the agent a name.' });
      return;
    }
    setBusy(true);
    const response = await app.agents.getState().create({
      name: name.trim(),
      ...(profile ? { profile } : {}),
      persona,
      skills,
      workspace,
      restart,
    });
    setBusy(false);
    if (response.ok) {
      onClose();
      return;
    }
    setErrors({ [fieldOfAgentError(response.error)]: response.error.message });
  };

  return (
    <Dialog title="New agent" onClose={onClose} className="dialog-wide">
      <form
        onSubmit={(e) => void submit(e)}
        onKeyDown={(e) => {
          // Enter submits from any field; in the persona textarea it takes Ctrl/Cmd+Enter.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
        }}
      >
        <Field label="Name" error={errors.name}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              data-autofocus
              value={name}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              placeholder="Reviewer"
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <div className="field-row">
          <Field label="Profile" error={errors.profile} hint={missingCliHint(profileOf(profile), installed)}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={profile}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => {
                  const next = profileOf(e.target.value);
                  profileChosen.current = true;
                  setProfile(e.target.value);
                  // Only what can launch stays chosen; a workspace the user picked that still works is kept.
                  setWorkspace((current) => (workspaceRefusal(next, current) || current === defaultWorkspace(profileOf(profile)) ? defaultWorkspace(next) : current));
                  setErrors(({ profile: _profile, workspace: _workspace, ...rest }) => rest);
                }}
              >
                {profiles.length === 0 ? <option value="">Default</option> : null}
                {profiles.map((p) => (
                  <option key={p.id} value={p.id}>
                    {profileLabel(p, installed)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Workspace" error={errors.workspace} hint={workspaceWhere(workspace, profileOf(profile), projectRoot)}>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={workspace}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => setWorkspace(e.target.value as Workspace)}
              >
                {WORKSPACES.map((w) => {
                  const refusal = workspaceRefusal(profileOf(profile), w.value);
                  return (
                    <option key={w.value} value={w.value} disabled={!!refusal} title={refusal}>
                      {refusal ? `${w.label} (not with ${profileOf(profile)?.name ?? profile})` : w.label}
                    </option>
                  );
                })}
              </select>
            )}
          </Field>
          <Field label="Restart" hint="Relaunch the agent when it exits with an error.">
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                value={restart}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => setRestart(e.target.value as typeof restart)}
              >
                {RESTARTS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {brokenProfiles.length > 0 ? (
          <div className="muted" role="note" aria-label="Skipped profiles">
            {brokenProfiles.map((b) => (
              <p key={b.source} className="error-text">
                Profile file {b.source} was skipped: {b.error}
              </p>
            ))}
          </div>
        ) : null}
        <Field label="Persona" error={errors.persona} hint="Markdown. Who the agent is and how it works; Ctrl+Enter creates.">
          {({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              rows={8}
              value={persona}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              placeholder="You are a meticulous reviewer…"
              onChange={(e) => setPersona(e.target.value)}
            />
          )}
        </Field>
        <fieldset className="field" aria-invalid={!!errors.skills}>
          <legend>Skills</legend>
          {skillNames.length === 0 ? (
            <p className="field-hint">No skills in this project yet.</p>
          ) : (
            <div className="checkbox-grid">
              {skillNames.map((skill) => (
                <label key={skill} className="checkbox">
                  <input
                    type="checkbox"
                    checked={skills.includes(skill)}
                    onChange={(e) => setSkills((all) => (e.target.checked ? [...all, skill] : all.filter((s) => s !== skill)))}
                  />
                  {skill}
                </label>
              ))}
            </div>
          )}
          {errors.skills ? <p className="field-error">{errors.skills}</p> : null}
        </fieldset>
        <FormFooter error={errors.form} submitLabel="Create" busy={busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** User profile files that did not load: named here, so a profile missing from the list is explained. */
function useBrokenProfiles(): BrokenProfileDto[] {
  const app = useApp();
  const [broken, setBroken] = useState<BrokenProfileDto[]>([]);
  useEffect(() => {
    let live = true;
    void app.api.call('profiles.broken', {}).then((response) => {
      if (live && response.ok) setBroken(response.value);
    });
    return () => {
      live = false;
    };
  }, [app]);
  return broken;
}
