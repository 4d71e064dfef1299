/**
 * Opt-in retries for transient failures. Nothing retries unless the caller asks: a retried
 * `Archives.start` after a timeout may start two archives.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import { isOpenTokError, type OpenTokError } from "./OpenTokError.ts"

/**
 * True for failures worth another try: throttling (429), a platform that is down or overloaded
 * (502, 503, 504), and a transport failure before any answer began. Timeouts and answers that broke
 * off are not included, since the request may have taken effect. A connection reset after the
 * request was written but before the status line arrived also counts as transient: fetch does not
 * tell the two apart, so a non-idempotent call retried this way can, rarely, run twice.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTransient = (error: unknown): boolean => {
  if (!isOpenTokError(error)) return false
  switch (error._tag) {
    case "RateLimited":
      return true
    case "TransportError":
      return error.phase === "request"
    case "ServerError":
      return error.status === 502 || error.status === 503 || error.status === 504
    default:
      return false
  }
}

const retryAfterOf = (error: unknown): Option.Option<Duration.Duration> =>
  isOpenTokError(error) && (error._tag === "RateLimited" || error._tag === "ServerError")
    ? error.retryAfter
    : Option.none()

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Retries after the first try. Default 3. */
  readonly times?: number | undefined
  /** The first wait, doubled on each retry, when the platform names none. Default 500 ms. */
  readonly base?: Duration.DurationInput | undefined
  /** The longest wait between tries, `Retry-After` included. Default 30 seconds. */
  readonly maxDelay?: Duration.DurationInput | undefined
}

/**
 * A schedule that recurs while the failure is transient, waiting as long as `Retry-After` says, or
 * with exponential back-off when it says nothing.
 *
 * @since 0.1.0
 * @category schedules
 */
export const schedule = (options: Options = {}): Schedule.Schedule<unknown, unknown> => {
  const maxDelay = Duration.decode(options.maxDelay ?? Duration.seconds(30))
  return Schedule.exponential(options.base ?? Duration.millis(500)).pipe(
    Schedule.intersect(Schedule.recurs(options.times ?? 3)),
    Schedule.intersect(Schedule.identity<unknown>()),
    Schedule.whileInput(isTransient),
    Schedule.modifyDelay(([, error], delay) =>
      Duration.min(Option.getOrElse(retryAfterOf(error), () => delay), maxDelay)
    )
  )
}

/**
 * Retries an operation on transient failures, as `schedule` describes.
 *
 * @example
 * ```ts
 * Sessions.create({ mediaMode: "routed" }).pipe(Retry.transient({ times: 5 }))
 * ```
 *
 * @since 0.1.0
 * @category combinators
 */
export const transient = (options: Options = {}) =>
<A, E extends OpenTokError, R>(
  self: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => Effect.retry(self, schedule(options))
