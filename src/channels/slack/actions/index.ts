import type { App } from '@slack/bolt';
import type { SlackDeps } from '../deps.ts';
import { registerFeedback } from './feedback.ts';
import { registerHomeScope } from './home-scope.ts';
import { registerOpenUpdateForm } from './open-update-form.ts';
import { registerPreviewCancel } from './preview-cancel.ts';
import { registerPreviewEdit } from './preview-edit.ts';
import { registerPreviewSave } from './preview-save.ts';
import { registerRemoveDocument } from './remove-document.ts';

export function registerActions(bolt: App, deps: SlackDeps): void {
  registerFeedback(bolt, deps);
  registerPreviewSave(bolt, deps);
  registerPreviewEdit(bolt, deps);
  registerPreviewCancel(bolt, deps);
  registerOpenUpdateForm(bolt, deps);
  registerHomeScope(bolt, deps);
  registerRemoveDocument(bolt, deps);
}
