import type { App } from '@slack/bolt';
import { recordFeedbackComment } from '../../../core/chat/feedback.ts';
import type { SlackDeps } from '../deps.ts';
import { FEEDBACK_COMMENT_ACTION, FEEDBACK_COMMENT_BLOCK, FEEDBACK_MODAL_CALLBACK, readFeedbackModal } from '../render/feedback-modal.ts';

/** "What was wrong?" sent: kept with the 👎 it explains (the secretariat's digest shows it). */
export function registerFeedbackComment(bolt: App, deps: SlackDeps): void {
  bolt.view(FEEDBACK_MODAL_CALLBACK, async ({ ack, body, view }) => {
    await ack();
    const meta = readFeedbackModal(view.private_metadata);
    const comment = view.state.values[FEEDBACK_COMMENT_BLOCK]?.[FEEDBACK_COMMENT_ACTION]?.value;
    if (!meta || !comment) return;
    await recordFeedbackComment(deps.app.db, meta.answerId, 'slack', body.user.id, comment).catch((err: unknown) =>
      deps.app.log.warn({ err }, 'slack: could not store a feedback comment'),
    );
  });
}
