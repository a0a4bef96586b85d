import type { Lang } from '../../../core/types.ts';
import type { ModalView } from '../slack-types.ts';
import { t } from '../../../core/texts/index.ts';

export const FEEDBACK_MODAL_CALLBACK = 'answer_feedback_comment';
export const FEEDBACK_COMMENT_BLOCK = 'comment';
export const FEEDBACK_COMMENT_ACTION = 'comment_text';

/** After a 👎: "what was wrong?", optional (closing the form keeps the vote). */
export function feedbackModal(answerId: number, lang: Lang): ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL_CALLBACK,
    private_metadata: JSON.stringify({ answerId, lang }),
    title: { type: 'plain_text', text: t(lang, 'slack.feedbackTitle') },
    submit: { type: 'plain_text', text: t(lang, 'slack.feedbackSend') },
    close: { type: 'plain_text', text: t(lang, 'slack.feedbackSkip') },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t(lang, 'slack.feedbackNoted') } },
      {
        type: 'input',
        block_id: FEEDBACK_COMMENT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: t(lang, 'slack.feedbackWhatWrong') },
        element: { type: 'plain_text_input', action_id: FEEDBACK_COMMENT_ACTION, multiline: true, max_length: 2000 },
      },
    ],
  };
}

/** The answer and language a feedback form was opened for (null when the metadata is not ours). */
export function readFeedbackModal(privateMetadata: string | undefined): { answerId: number; lang: Lang } | null {
  try {
    const m = JSON.parse(privateMetadata ?? '');
    if (!Number.isInteger(m.answerId)) return null;
    return { answerId: m.answerId, lang: m.lang === 'en' ? 'en' : 'it' };
  } catch {
    return null;
  }
}
