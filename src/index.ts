/**
 * effect-opentok: the OpenTok / Vonage Video REST API as typed Effects.
 *
 * @since 0.1.0
 */

/** @since 0.1.0 */
export * as Archives from "./Archives.ts"

/** @since 0.1.0 */
export * as Layout from "./Layout.ts"

/** @since 0.1.0 */
export * as OpenTokConfig from "./OpenTokConfig.ts"

/** @since 0.1.0 */
export * as OpenTokError from "./OpenTokError.ts"

/** @since 0.1.0 */
export * as Retry from "./Retry.ts"

/** @since 0.1.0 */
export * as SessionId from "./SessionId.ts"

/** @since 0.1.0 */
export * as Sessions from "./Sessions.ts"

/** @since 0.1.0 */
export * as Signals from "./Signals.ts"

/** @since 0.1.0 */
export * as Tokens from "./Tokens.ts"
