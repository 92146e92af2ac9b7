// The Compare tab's methods on the playground protocol (see envelope.ts for the envelope): the same
// conversation sent to 2 or 3 columns, each with its own model and parameters. Types, guards and
// method descriptors only; shared by host and webview. Names are `compare/...`. A column's
// conversation is a chat conversation (chat.ts's turns and options), so its turns render with the
// chat's views.

import { type ChatOptions, type ChatStateView, type EarlierTurnsEvent, isChatOptions, isChatStateView, isEarlierTurnsEvent, isModelsView, isSendParams, isTurnView, type SendParams, type TurnView } from './chat';
import { isDone, isIdString, isNoParams, isRefreshModelsParams, isRetryResult } from './common';
import { event, notification, request, stream } from './methods';
import { type Guard, isArrayOf, isEither, isInteger, isLiteral, isShape, isString } from './validate';

/** At most this many columns exist (2 or 3 are shown). */
export const MAX_COLUMNS = 3;
export type ColumnCount = 2 | 3;
export type ColumnIndex = 0 | 1 | 2;

/** The tab's layout, after `ready` (each column's conversation follows as `compare/columnState`). */
export interface CompareLayoutView {
  /** How many columns are shown; a hidden third column keeps its history. */
  columns: ColumnCount;
}

export interface ColumnParams { column: ColumnIndex }
export interface CompareSendParams extends SendParams { column: ColumnIndex }
export interface ColumnOptionsParams { column: ColumnIndex; options: ChatOptions }
export interface ColumnTurnParams { column: ColumnIndex; turnId: string }
export interface ColumnActionParams { column: ColumnIndex; turnId: string; actionIndex: number }
export interface ColumnTurnEvent { column: ColumnIndex; turn: TurnView }
export interface ColumnRemoveEvent { column: ColumnIndex; ids: string[] }
export interface ColumnStateEvent { column: ColumnIndex; state: ChatStateView }
export interface ColumnEarlierEvent extends EarlierTurnsEvent { column: ColumnIndex }
export interface ColumnOptionsEvent { column: ColumnIndex; options: ChatOptions }

export interface ContinueChatResult { conversationId: string }

// ---- Guards ----

export const isColumnIndex: Guard<ColumnIndex> = isInteger(0, MAX_COLUMNS - 1) as Guard<ColumnIndex>;
export const isColumnCount: Guard<ColumnCount> = isEither(isLiteral(2), isLiteral(3));

export const isCompareSendParams: Guard<CompareSendParams> = (v): v is CompareSendParams =>
  isSendParams(v) && isShape({ column: isColumnIndex })(v);
export const isColumnParams: Guard<ColumnParams> = isShape({ column: isColumnIndex });
export const isColumnOptionsParams: Guard<ColumnOptionsParams> = isShape({ column: isColumnIndex, options: isChatOptions });
export const isColumnTurnParams: Guard<ColumnTurnParams> = isShape({ column: isColumnIndex, turnId: isIdString });
export const isColumnActionParams: Guard<ColumnActionParams> = isShape({ column: isColumnIndex, turnId: isIdString, actionIndex: isInteger(0, 10) });

export const isCompareLayoutView: Guard<CompareLayoutView> = isShape({ columns: isColumnCount });
export const isColumnStateEvent: Guard<ColumnStateEvent> = isShape({ column: isColumnIndex, state: isChatStateView });
export const isColumnEarlierEvent: Guard<ColumnEarlierEvent> = (v): v is ColumnEarlierEvent =>
  isEarlierTurnsEvent(v) && isShape({ column: isColumnIndex })(v);
export const isColumnTurnEvent: Guard<ColumnTurnEvent> = isShape({ column: isColumnIndex, turn: isTurnView });
export const isColumnRemoveEvent: Guard<ColumnRemoveEvent> = isShape({ column: isColumnIndex, ids: isArrayOf(isIdString, 10_000) });
export const isColumnOptionsEvent: Guard<ColumnOptionsEvent> = isShape({ column: isColumnIndex, options: isChatOptions });
export const isContinueChatResult: Guard<ContinueChatResult> = isShape({ conversationId: isString(200) });

// ---- Methods ----

/** Methods the webview calls on the host. */
export const CompareRequests = {
  /** Stream, one per column: the answer's text chunks, then end. Failures end only that column's stream. */
  send: stream('compare/send', isCompareSendParams),
  /** Empties every column. */
  clear: request('compare/clear', isNoParams, isDone),
  copyAsCode: request('compare/copyAsCode', isColumnTurnParams, isDone),
  openRequest: request('compare/openRequest', isColumnTurnParams, isDone),
  /** Runs the error action of a column's turn; answers `{ retry: boolean }`. */
  runAction: request('compare/runAction', isColumnActionParams, isRetryResult),
  /** Opens a Chat playground on this column's conversation (its model, parameters and history). */
  continueChat: request('compare/continueChat', isColumnParams, isContinueChatResult),
  refreshModels: request('compare/refreshModels', isRefreshModelsParams, isDone),
} as const;

export const CompareNotifications = {
  /** A column's model or parameters changed (saved by the host). */
  setOptions: notification('compare/setOptions', isColumnOptionsParams),
  /** 2 or 3 columns (a CompareLayoutView, saved by the host). */
  setLayout: notification('compare/setLayout', isCompareLayoutView),
} as const;

/** Notifications the host sends. */
export const CompareEvents = {
  layout: event('compare/layout', isCompareLayoutView),
  /** One column's whole conversation. */
  columnState: event('compare/columnState', isColumnStateEvent),
  /** The older turns a column's state left out. */
  columnEarlierTurns: event('compare/columnEarlierTurns', isColumnEarlierEvent),
  turn: event('compare/turn', isColumnTurnEvent),
  removeTurns: event('compare/removeTurns', isColumnRemoveEvent),
  options: event('compare/options', isColumnOptionsEvent),
  /** The chat models (same view as the Chat tab's). */
  models: event('compare/models', isModelsView),
} as const;
