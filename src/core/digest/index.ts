/** Weekly digests: plain data per cantiere and ISO week, three renderings, exactly-once delivery. */
export type { DigestData, ProjectDigest, AttentionItem, DueItem, StaleItem, PersonRef } from './types.ts';
export { buildDigest, digestCantieri, digestTime, DigestInputError, DUE_WITHIN_DAYS } from './build.ts';
export { composeDigest, digestMessage, digestDestination, postDigests, sendReminders, requireProgramme } from './post.ts';
export type { DigestOutcome, PostDigestsOptions, ReminderOutcome } from './post.ts';
export { renderDigestText } from './render-text.ts';
export { renderDigestSlack, renderReminderSlack, OPEN_UPDATE_FORM_ACTION } from './render-slack.ts';
export { renderDigestTeams, renderReminderTeams } from './render-teams.ts';
export { writeDigestSummary } from './summary.ts';
export { isoWeekOf, parseIsoWeek, weekBounds, scheduledTimeOfWeek, WeekFormatError } from './week.ts';
