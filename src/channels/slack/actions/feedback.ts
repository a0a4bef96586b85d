import type { App, BlockButtonAction } from '@slack/bolt';
import { escapeMrkdwn } from '../render/escape.ts';
import type { SlackDeps } from '../deps.ts';
import { FEEDBACK_DOWN, FEEDBACK_UP } from '../render/answer-blocks.ts';
import { recordFeedback } from '../../../core/chat/feedback.ts';
import { t } from '../../../core/texts/index.ts';

/** 👍/👎 under an answer: stored in `feedback` against the stored answer, thanked privately. */
export function registerFeedback(bolt: App, deps: SlackDeps): void {
  bolt.action<BlockButtonAction>(new RegExp(`^(${FEEDBACK_UP}|${FEEDBACK_DOWN})$`), async ({ ack, action, body, respond }) => {
    await ack();
    const answerId = Number(action.value);
    if (!Number.isInteger(answerId)) return;
    const lang = await recordFeedback(deps.app.db, answerId, 'slack', body.user.id, action.action_id === FEEDBACK_UP ? 1 : -1);
    if (lang) await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(t(lang, 'slack.feedbackThanks')) });
  });
}
