import type { AllMiddlewareArgs, App, BlockAction, BlockButtonAction, BlockFeedbackButtonsAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { escapeMrkdwn } from '../render/escape.ts';
import type { SlackDeps } from '../deps.ts';
import { ANSWER_FEEDBACK, FEEDBACK_DOWN, FEEDBACK_UP, readFeedbackValue } from '../render/answer-blocks.ts';
import { feedbackModal } from '../render/feedback-modal.ts';
import { recordFeedback } from '../../../core/chat/feedback.ts';
import { t } from '../../../core/texts/index.ts';

/**
 * Feedback buttons under an answer (Slack's element or the plain pair): the vote is stored against the stored answer (a 👎
 * keeps that answer from being given again as fine for the same question); a 👎 opens a short,
 * optional "what was wrong?" form, a 👍 is thanked privately.
 */
export function registerFeedback(bolt: App, deps: SlackDeps): void {
  type Args = SlackActionMiddlewareArgs<BlockAction<BlockFeedbackButtonsAction['actions'][number] | BlockButtonAction['actions'][number]>> & AllMiddlewareArgs;
  const onVote = async ({ ack, action, body, client, respond }: Args) => {
    await ack();
    const vote = readFeedbackValue(action.value);
    if (!vote) return;
    const lang = await recordFeedback(deps.app.db, vote.answerId, 'slack', body.user.id, vote.value);
    if (!lang) return;
    if (vote.value === -1) {
      const opened = await client.views
        .open({ trigger_id: body.trigger_id, view: feedbackModal(vote.answerId, lang) })
        .then(() => true)
        .catch((err: unknown) => (deps.app.log.warn({ err }, 'slack: could not open the feedback form'), false));
      if (opened) return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(t(lang, 'slack.feedbackThanks')) });
  };
  bolt.action<BlockFeedbackButtonsAction>(ANSWER_FEEDBACK, onVote);
  bolt.action<BlockButtonAction>(new RegExp(`^(${FEEDBACK_UP}|${FEEDBACK_DOWN})$`), onVote);
}
