// Block Kit and Web API types, through Bolt's own re-exports (no direct dependency on @slack/types).
import type { types, webApi } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type PlainTextOption = types.PlainTextOption;
export type WebClient = webApi.WebClient;
