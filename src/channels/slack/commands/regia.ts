import type { App, RespondFn } from '@slack/bolt';
import { boardLinkMessage } from '../../../board/chat-link.ts';
import { listDocuments } from '../../../core/documents/library.ts';
import { mayRemoveDocuments } from '../../../core/documents/permissions.ts';
import { documentsBlocks } from '../render/documents-list.ts';
import { respond as assistantRespond } from '../../../core/assistant.ts';
import type { Lang } from '../../../core/types.ts';
import { projectStatus } from '../../../core/updates/status.ts';
import { resolveProjectRef } from '../../../core/updates/projects.ts';
import { detectLang, fold } from '../../../core/language.ts';
import type { Cantiere, Programme } from '../../../programme/model.ts';
import { cantiereForChannel, defaultLang, type SlackDeps } from '../deps.ts';
import { renderAnswer, renderText } from '../render/answer-blocks.ts';
import { escapeMrkdwn, fallbackText, fillMrkdwn } from '../render/escape.ts';
import { paginate } from '../render/limits.ts';
import { boardBlocks } from '../render/status-board.ts';
import { renderUpdatePreview } from '../render/update-preview.ts';
import { storeAnswer } from '../services/answers.ts';
import { projectStates } from '../services/board.ts';
import { digestPreview } from '../services/digest-preview.ts';
import { reportToDm } from '../services/report.ts';
import { reportFailure } from '../services/failure.ts';
import { slackActor } from '../services/people.ts';
import { createPreview } from '../services/previews.ts';
import { openUpdateModal } from '../services/updates.ts';
import type { WebClient } from '../slack-types.ts';
import { t } from '../../../core/texts/index.ts';
import { helpExamples } from '../../../core/texts/examples.ts';

type Sub = 'ask' | 'update' | 'status' | 'digest' | 'documents' | 'board' | 'report' | 'help';

/** Subcommand keywords, English and Italian; the keyword also sets the reply's language. */
const KEYWORDS: Record<string, { sub: Sub; lang: Lang }> = {
  ask: { sub: 'ask', lang: 'en' },
  chiedi: { sub: 'ask', lang: 'it' },
  domanda: { sub: 'ask', lang: 'it' },
  update: { sub: 'update', lang: 'en' },
  aggiorna: { sub: 'update', lang: 'it' },
  aggiornamento: { sub: 'update', lang: 'it' },
  status: { sub: 'status', lang: 'en' },
  stato: { sub: 'status', lang: 'it' },
  digest: { sub: 'digest', lang: 'en' },
  riepilogo: { sub: 'digest', lang: 'it' },
  documents: { sub: 'documents', lang: 'en' },
  documenti: { sub: 'documents', lang: 'it' },
  board: { sub: 'board', lang: 'en' },
  quadro: { sub: 'board', lang: 'it' },
  report: { sub: 'report', lang: 'en' },
  rapporto: { sub: 'report', lang: 'it' },
  help: { sub: 'help', lang: 'en' },
  aiuto: { sub: 'help', lang: 'it' },
};

export interface ParsedCommand {
  sub: Sub;
  arg: string;
  lang: Lang;
}

/** "/regia stato zls" -> { sub: 'status', arg: 'zls', lang: 'it' }; free text is a question. */
export function parseRegiaCommand(text: string, fallback: Lang): ParsedCommand {
  const trimmed = text.trim();
  if (!trimmed) return { sub: 'help', arg: '', lang: fallback };
  const [first, ...rest] = trimmed.split(/\s+/);
  const k = KEYWORDS[first.toLowerCase()];
  if (!k) return { sub: 'ask', arg: trimmed, lang: detectLang(trimmed, fallback) };
  const arg = rest.join(' ').trim();
  return { sub: k.sub, arg, lang: k.sub === 'ask' && arg ? detectLang(arg, k.lang) : k.lang };
}

/** A cantiere named by id, number ("4", "cantiere 4") or name. */
export function findCantiere(programme: Programme, ref: string): Cantiere | null {
  const want = fold(ref).replace(/^cantiere\s+/, '').trim();
  return (
    programme.cantieri.find((c) => !c.archived && (fold(c.id) === want || fold(c.number) === want || fold(c.name) === want)) ??
    programme.cantieri.find((c) => !c.archived && fold(c.name).includes(want) && want.length >= 4) ??
    null
  );
}

/** `/regia`: ask, update, status, digest, help (Italian keywords too). Acknowledged at once. */
export function registerRegiaCommand(bolt: App, deps: SlackDeps): void {
  bolt.command('/regia', async ({ command, ack, respond, client }) => {
    const { app } = deps;
    const programme = await app.programme();
    const cmd = parseRegiaCommand(command.text ?? '', defaultLang(programme));
    if (cmd.sub === 'help') return ack({ response_type: 'ephemeral', text: escapeMrkdwn(t(cmd.lang, 'slack.help', helpExamples(programme))) });
    if (!programme && cmd.sub !== 'ask') return ack({ response_type: 'ephemeral', text: escapeMrkdwn(t(cmd.lang, 'slack.noProgramme')) });
    if (cmd.sub === 'ask' && !cmd.arg) return ack({ response_type: 'ephemeral', text: escapeMrkdwn(t(cmd.lang, 'slack.askEmpty', helpExamples(programme))) });
    if (cmd.sub === 'update' && cmd.arg && !resolveProjectRef(programme!, cmd.arg)) {
      return ack({ response_type: 'ephemeral', text: fillMrkdwn((ref: string) => t(cmd.lang, 'slack.unknownProject', { ref }), cmd.arg) });
    }
    await ack();
    try {
      switch (cmd.sub) {
        case 'update': {
          const project = cmd.arg ? resolveProjectRef(programme!, cmd.arg) : null;
          await openUpdateModal(app, client, { triggerId: command.trigger_id, userId: command.user_id }, programme!, cmd.lang, project ? { project: project.id } : {}, { source: 'form' });
          break;
        }
        case 'ask':
          await askInCommand(deps, client, respond, command, cmd, programme);
          break;
        case 'status':
          await statusInCommand(deps, respond, command.channel_id, cmd, programme!);
          break;
        case 'digest': {
          const here = cantiereForChannel(programme, command.channel_id);
          const cantiere = cmd.arg ? findCantiere(programme!, cmd.arg) : (programme!.cantieri.find((c) => c.id === here) ?? null);
          if (cmd.arg && !cantiere) {
            await respond({ response_type: 'ephemeral', text: fillMrkdwn((ref: string) => t(cmd.lang, 'slack.unknownTarget', { ref }), cmd.arg) });
            break;
          }
          const preview = await digestPreview(deps, programme!, cantiere, cmd.lang);
          await respond({ response_type: 'ephemeral', text: preview.text, ...(preview.blocks ? { blocks: preview.blocks } : {}) });
          break;
        }
        case 'documents': {
          const actor = await slackActor(client, command.user_id);
          const list = documentsBlocks(await listDocuments(app), cmd.lang, await mayRemoveDocuments(app, actor));
          await respond({ response_type: 'ephemeral', text: list.text, blocks: list.blocks });
          break;
        }
        case 'board':
          await respond({ response_type: 'ephemeral', text: await boardLinkMessage(app, await slackActor(client, command.user_id), cmd.lang) });
          break;
        case 'report':
          await respond({ response_type: 'ephemeral', text: await reportToDm(deps, client, command.user_id, cmd.lang) });
          break;
      }
    } catch (err) {
      await reportFailure(app, err, `/regia ${cmd.sub}`, cmd.lang, (text) => respond({ response_type: 'ephemeral', text }), { user: command.user_id });
    }
  });
}

async function askInCommand(
  deps: SlackDeps,
  client: WebClient,
  respond: RespondFn,
  command: { user_id: string; channel_id: string; trigger_id: string },
  cmd: ParsedCommand,
  programme: Programme | null,
): Promise<void> {
  const started = performance.now();
  const actor = await slackActor(client, command.user_id);
  const conversationId = `${command.channel_id}:cmd:${command.trigger_id}`;
  const reply = await assistantRespond(deps.app, {
    actor,
    conversationId,
    text: cmd.arg,
    cantiereId: cantiereForChannel(programme, command.channel_id),
    channel: deps.outbound,
  });
  if (reply.kind === 'answer') {
    const answerId = await storeAnswer(deps.app, reply.answer, {
      conversationId: command.channel_id,
      threadRef: null,
      userId: command.user_id,
      question: cmd.arg,
      latencyMs: performance.now() - started,
    });
    for (const m of renderAnswer(reply.answer, answerId)) await respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks });
  } else if (reply.kind === 'update_preview') {
    const previewId = await createPreview(deps.app, command.user_id, {
      draft: reply.draft,
      problems: reply.problems,
      lang: cmd.lang,
      channel: command.channel_id,
      sourceText: cmd.arg,
      conversationId,
    });
    const m = renderUpdatePreview(previewId, reply.text, reply.problems, cmd.lang);
    await respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks });
  } else {
    for (const m of renderText(reply.text)) await respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks });
  }
}

async function statusInCommand(deps: SlackDeps, respond: RespondFn, channelId: string, cmd: ParsedCommand, programme: Programme): Promise<void> {
  const now = new Date();
  if (cmd.arg) {
    const project = resolveProjectRef(programme, cmd.arg);
    if (project) {
      const status = await projectStatus(deps.app, project.id, cmd.lang, now);
      for (const m of renderText(status.text)) await respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks });
      return;
    }
  }
  const here = cantiereForChannel(programme, channelId);
  const cantiere = cmd.arg ? findCantiere(programme, cmd.arg) : here ? programme.cantieri.find((c) => c.id === here) ?? null : null;
  if (cmd.arg && !cantiere) {
    await respond({ response_type: 'ephemeral', text: fillMrkdwn((ref: string) => t(cmd.lang, 'slack.unknownTarget', { ref }), cmd.arg) });
    return;
  }
  const cantieri = cantiere ? [cantiere] : programme.cantieri.filter((c) => !c.archived);
  const states = await projectStates(deps.app);
  const blocks = boardBlocks(programme, cantieri, states, now, cmd.lang, false);
  for (const page of paginate(blocks)) await respond({ response_type: 'ephemeral', text: fallbackText(t(cmd.lang, 'slack.boardTitle')), blocks: page });
}
