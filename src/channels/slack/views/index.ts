import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerFeedbackComment } from './feedback-comment.ts';
import { registerUpdateSubmission } from './update-submission.ts';

export function registerViews(bolt: App, deps: SlackDeps): void {
  registerUpdateSubmission(bolt, deps);
  registerFeedbackComment(bolt, deps);
}
