import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerFeedbackComment } from './feedback-comment.ts';
import { registerIndicatorStepSubmission } from './indicator-step-submission.ts';
import { registerUpdateSubmission } from './update-submission.ts';

export function registerViews(bolt: App, deps: SlackDeps): void {
  registerUpdateSubmission(bolt, deps);
  registerIndicatorStepSubmission(bolt, deps);
  registerFeedbackComment(bolt, deps);
}
