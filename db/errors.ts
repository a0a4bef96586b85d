/** The database cannot be reached or opened; the message is meant for the person running Regia. */
export class DatabaseError extends Error {}
