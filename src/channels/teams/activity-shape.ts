/**
 * What is wrong with a request body at /api/messages, or null when it has the shape of a Bot
 * Framework activity. The adapter assumes the shape and fails with a 500 on anything else; the
 * sender's mistake is a 400.
 */
export function activityProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body is not a JSON object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || !a.type) return 'the activity has no type';
  if (a.serviceUrl !== undefined && (typeof a.serviceUrl !== 'string' || !/^https?:\/\//i.test(a.serviceUrl))) return 'serviceUrl is not an http(s) URL';
  if (a.conversation !== undefined && (!a.conversation || typeof a.conversation !== 'object')) return 'conversation is not an object';
  if (a.from !== undefined && (!a.from || typeof a.from !== 'object')) return 'from is not an object';
  return null;
}
