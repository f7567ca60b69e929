/** Errors shared by the use cases that act on one session. */
export type SessionNotFound = { readonly kind: 'session-not-found'; readonly id: string };
export type SessionNotLive = { readonly kind: 'session-not-live'; readonly id: string };
