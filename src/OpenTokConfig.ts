/**
 * Credentials and connection settings, provided once as a Layer and read by every operation.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"

/**
 * An OpenTok project's API key and secret. The secret signs every REST call (HS256) and every
 * client token.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiKeyCredentials {
  readonly _tag: "ApiKey"
  /** The project's numeric API key, e.g. `"87654321"`. */
  readonly apiKey: string
  /** The project's API secret. */
  readonly apiSecret: Redacted.Redacted<string>
}

/**
 * The credentials of a project. A union so that other kinds can join without breaking callers who
 * match on `_tag`.
 *
 * @since 0.1.0
 * @category models
 */
export type Credentials = ApiKeyCredentials

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly credentials: Credentials
  /** Where REST calls go, without a trailing slash. Default `https://api.opentok.com`. */
  readonly baseUrl: string
  /** How long one call may take, from sending to the last byte of the answer. Default 20 seconds. */
  readonly timeout: Duration.Duration
  /** Appended to the `User-Agent` of every request, e.g. `MyApp/1.0`. Default none. */
  readonly userAgentSuffix: Option.Option<string>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class OpenTokConfig extends Context.Tag("effect-opentok/OpenTokConfig")<OpenTokConfig, Service>() {}

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultBaseUrl = "https://api.opentok.com"

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultTimeout: Duration.Duration = Duration.seconds(20)

/**
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** The project's API key. */
  readonly apiKey: string
  /** The project's API secret. */
  readonly apiSecret: Redacted.Redacted<string>
  /** Default `https://api.opentok.com`. */
  readonly baseUrl?: string | undefined
  /** Default 20 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Default none. */
  readonly userAgentSuffix?: string | undefined
}

const invalid = (path: string, message: string) => ConfigError.InvalidData([path], message)

const checkBaseUrl = (input: unknown, path = "baseUrl"): Either.Either<string, ConfigError.ConfigError> => {
  // The input is never echoed: a URL written with user:password would put a secret in the message.
  if (typeof input !== "string") return Either.left(invalid(path, "expected a URL string"))
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    return Either.left(invalid(path, "expected an http or https URL such as https://api.opentok.com"))
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return Either.left(invalid(path, `expected an http or https URL, got the scheme ${url.protocol}`))
  }
  if (url.username !== "" || url.password !== "") {
    return Either.left(invalid(path, "credentials do not belong in the URL"))
  }
  if (url.search !== "" || url.hash !== "") {
    return Either.left(invalid(path, "expected a URL without a query or fragment"))
  }
  return Either.right(`${url.origin}${url.pathname}`.replace(/\/+$/, ""))
}

const checkApiKey = (input: unknown, path = "apiKey"): Either.Either<string, ConfigError.ConfigError> => {
  const apiKey = typeof input === "string" ? input.trim() : ""
  // Numeric OpenTok keys; letters and '-' leave room for application ids. Anything else would
  // corrupt the paths and token fields the key is written into.
  return /^[A-Za-z0-9-]+$/.test(apiKey)
    ? Either.right(apiKey)
    : Either.left(invalid(path, "expected a non-empty API key of letters, digits and '-'"))
}

/**
 * Checks options and builds the service. Every problem is a `ConfigError` naming the field.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const apiKey = yield* checkApiKey(options.apiKey)
    if (
      !Redacted.isRedacted(options.apiSecret) || typeof Redacted.value(options.apiSecret) !== "string" ||
      Redacted.value(options.apiSecret) === ""
    ) {
      return yield* Effect.fail(invalid("apiSecret", "expected a non-empty string wrapped in Redacted"))
    }
    const baseUrl = yield* checkBaseUrl(options.baseUrl ?? defaultBaseUrl)
    const timeout = Duration.decodeUnknown(options.timeout ?? defaultTimeout)
    if (Option.isNone(timeout) || Duration.lessThan(timeout.value, Duration.millis(1))) {
      return yield* Effect.fail(invalid("timeout", "expected a duration of at least 1 millisecond"))
    }
    const suffix = typeof options.userAgentSuffix === "string" ? options.userAgentSuffix.trim() : undefined
    if (options.userAgentSuffix !== undefined && (suffix === undefined || !/^[\x20-\x7e]*$/.test(suffix))) {
      return yield* Effect.fail(invalid("userAgentSuffix", "expected printable ASCII, as HTTP headers require"))
    }
    return {
      credentials: { _tag: "ApiKey", apiKey, apiSecret: options.apiSecret },
      baseUrl,
      timeout: timeout.value,
      userAgentSuffix: suffix === undefined || suffix === "" ? Option.none() : Option.some(suffix)
    } satisfies Service
  })

/**
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<OpenTokConfig, ConfigError.ConfigError> =>
  Layer.effect(OpenTokConfig, make(options))

/**
 * Builds the service from `Config` values, for callers who keep settings in their own config.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (config: Config.Config.Wrap<Options>): Layer.Layer<OpenTokConfig, ConfigError.ConfigError> =>
  Layer.effect(OpenTokConfig, Effect.flatMap(Config.unwrap(config), make))

const timeoutFromEnv = (name: string): Config.Config<Duration.Duration | undefined> =>
  Config.string(name).pipe(
    Config.mapOrFail((text) => {
      const trimmed = text.trim()
      // A bare number is milliseconds, like the official SDKs' timeout options.
      const duration = /^\d+$/.test(trimmed)
        ? Option.some(Duration.millis(Number(trimmed)))
        : Duration.decodeUnknown(trimmed)
      return Option.isSome(duration) && Duration.greaterThan(duration.value, Duration.zero)
        ? Either.right(duration.value)
        : Either.left(invalid(name, `expected milliseconds or a duration such as "5 seconds", got ${trimmed}`))
    }),
    Config.withDefault(undefined)
  )

/**
 * Reads `OPENTOK_API_KEY`, `OPENTOK_API_SECRET`, `OPENTOK_API_URL` (optional),
 * `OPENTOK_TIMEOUT` (optional: milliseconds, or a duration such as `"5 seconds"`) and
 * `OPENTOK_USER_AGENT_SUFFIX` (optional) from the environment.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv = (): Layer.Layer<OpenTokConfig, ConfigError.ConfigError> =>
  layerConfig({
    apiKey: Config.nonEmptyString("OPENTOK_API_KEY").pipe(
      Config.mapOrFail((key) => checkApiKey(key, "OPENTOK_API_KEY"))
    ),
    apiSecret: Config.redacted(Config.nonEmptyString("OPENTOK_API_SECRET").pipe(Config.map((s) => s.trim()))),
    baseUrl: Config.nonEmptyString("OPENTOK_API_URL").pipe(
      Config.mapOrFail((url) => checkBaseUrl(url, "OPENTOK_API_URL")),
      Config.option,
      Config.map(Option.getOrUndefined)
    ),
    timeout: timeoutFromEnv("OPENTOK_TIMEOUT"),
    userAgentSuffix: Config.option(Config.string("OPENTOK_USER_AGENT_SUFFIX")).pipe(
      Config.map(Option.getOrUndefined)
    )
  })
