/** Expected failures are values, exceptions are bugs: a `kind` in kebab-case, serializable as it is. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): { readonly ok: true; readonly value: T } => ({ ok: true, value });
export const err = <E>(error: E): { readonly ok: false; readonly error: E } => ({ ok: false, error });

/** Every error a use case returns has at least a kind; the boundary adds a human message. */
export interface DomainError {
  readonly kind: string;
}
