import { useEffect, useState } from 'react';
import type { ProfileDto } from '../../../../contract/contract';
import { useApp } from '../shell/StoresContext';

/** Per profile id, whether its CLI is installed; a profile the host could not tell is absent. */
export type Installed = Readonly<Record<string, boolean>>;

/** Asks the host which profiles' CLIs are installed; undefined until it answers (it runs their detect commands). */
export function useInstalledClis(): Installed | undefined {
  const app = useApp();
  const [installed, setInstalled] = useState<Installed>();
  useEffect(() => {
    let live = true;
    void app.api.call('profiles.installed', {}).then((response) => {
      if (live) setInstalled(response.ok ? Object.fromEntries(response.value.map((p) => [p.id, p.installed])) : {});
    });
    return () => {
      live = false;
    };
  }, [app]);
  return installed;
}

/** The profile a new agent starts with: Claude Code unless it is missing, else the first one not known to be missing. */
export function defaultProfile(profiles: readonly ProfileDto[], installed: Installed | undefined): string {
  const usable = profiles.filter((p) => installed?.[p.id] !== false);
  return (usable.find((p) => p.id === 'claude') ?? usable[0] ?? profiles[0])?.id ?? '';
}

/** A profile's name in a list, marked when its CLI is missing. */
export function profileLabel(profile: ProfileDto, installed: Installed | undefined): string {
  return installed?.[profile.id] === false ? `${profile.name} (not installed)` : profile.name;
}

/** What the Profile field says of a profile whose CLI is missing; undefined otherwise. */
export function missingCliHint(profile: ProfileDto | undefined, installed: Installed | undefined): string | undefined {
  if (!profile || installed?.[profile.id] !== false) return undefined;
  return `${profile.name} is not installed: "${profile.command}" was not found on your PATH. Install it, or the agent will not launch.`;
}
