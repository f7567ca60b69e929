/** Ids are a port: the domain never calls crypto. */
export interface IdGenerator {
  /** A new id, unique for the life of the process, safe in URLs and file names. */
  next(): string;
}
