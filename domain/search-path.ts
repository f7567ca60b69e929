/**
 * The PATH a CLI is looked for on: the one the user's login shell sets up (where version managers and
 * installers put their programs), then the host's own, so an app started from a desktop launcher
 * finds what a terminal would. Only absolute folders count: a relative entry would resolve against
 * whatever folder the command runs in.
 */

/** Marks the line the login shell prints its PATH on, so greetings its start-up files print are ignored. */
export const LOGIN_PATH_MARK = '__TESSERA_LOGIN_PATH__';

/**
 * The command line (for `/bin/sh -c`) that asks the user's shell, started as a login and interactive
 * shell as a terminal starts it, for its PATH; the shell is given in `$SHELL`.
 */
export const LOGIN_PATH_PROBE = `exec "$SHELL" -ilc 'printf "\\n${LOGIN_PATH_MARK}%s\\n" "$PATH"'`;

/** The PATH on the last line the probe marked, or undefined when no line was marked. */
export function loginPathFrom(output: string): string | undefined {
  const lines = output.split(/\r?\n/).filter((line) => line.startsWith(LOGIN_PATH_MARK));
  const last = lines.at(-1);
  return last === undefined ? undefined : last.slice(LOGIN_PATH_MARK.length);
}

/** The login shell's folders, then the host's own that it lacks; relative and repeated entries dropped. */
export function searchPath(loginPath: string | undefined, ownPath: string | undefined): string {
  const folders: string[] = [];
  for (const entry of [...(loginPath ?? '').split(':'), ...(ownPath ?? '').split(':')]) {
    if (entry.startsWith('/') && !folders.includes(entry)) folders.push(entry);
  }
  return folders.join(':');
}
