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
import { createPrivateKey } from "node:crypto"
import { readFileSync } from "node:fs"

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
 * A Vonage Video application's id and RSA private key. The key signs every REST call and every
 * client token (RS256).
 *
 * @since 0.1.0
 * @category models
 */
export interface ApplicationCredentials {
  readonly _tag: "Application"
  /** The application's id, a UUID. It stands where an API key would, in paths and session ids. */
  readonly applicationId: string
  /** The private key, as PEM text. */
  readonly privateKey: Redacted.Redacted<string>
}

/**
 * The credentials of a project, of either kind. Operations never need to know which.
 *
 * @since 0.1.0
 * @category models
 */
export type Credentials = ApiKeyCredentials | ApplicationCredentials

/**
 * The options that configure these credentials, for building another config of the same project.
 *
 * @since 0.1.0
 * @category accessors
 */
export const credentialOptions = (
  credentials: Credentials
): Pick<ApiKeyOptions, "apiKey" | "apiSecret"> | Pick<ApplicationOptions, "applicationId" | "privateKey"> =>
  credentials._tag === "ApiKey"
    ? { apiKey: credentials.apiKey, apiSecret: credentials.apiSecret }
    : { applicationId: credentials.applicationId, privateKey: credentials.privateKey }

/**
 * The id that names the project in paths and session ids: the API key, or the application id.
 *
 * @since 0.1.0
 * @category accessors
 */
export const projectId = (credentials: Credentials): string =>
  credentials._tag === "ApiKey" ? credentials.apiKey : credentials.applicationId

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
 * The default base URL of the Vonage kind of credentials.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultVonageBaseUrl = "https://video.api.vonage.com"

/**
 * @since 0.1.0
 * @category constants
 */
export const defaultTimeout: Duration.Duration = Duration.seconds(20)

/**
 * @since 0.1.0
 * @category models
 */
export interface CommonOptions {
  /** Default `https://api.opentok.com`, or `https://video.api.vonage.com` for application credentials. */
  readonly baseUrl?: string | undefined
  /** Default 20 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Default none. */
  readonly userAgentSuffix?: string | undefined
}

/**
 * OpenTok credentials.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApiKeyOptions extends CommonOptions {
  /** The project's API key. */
  readonly apiKey: string
  /** The project's API secret. */
  readonly apiSecret: Redacted.Redacted<string>
}

/**
 * Vonage credentials.
 *
 * @since 0.1.0
 * @category models
 */
export interface ApplicationOptions extends CommonOptions {
  readonly applicationId: string
  /** The RSA private key: its PEM text, or the path of a file holding it. */
  readonly privateKey: Redacted.Redacted<string>
}

/**
 * @since 0.1.0
 * @category models
 */
export type Options = ApiKeyOptions | ApplicationOptions

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
  Effect.flatMap(checkCredentials(options), (credentials) => makeWith(credentials, options))

const checkCredentials = (options: Options): Effect.Effect<Credentials, ConfigError.ConfigError> =>
  "applicationId" in options ? checkApplication(options) : checkApiKeyCredentials(options)

const checkApiKeyCredentials = (options: ApiKeyOptions): Effect.Effect<ApiKeyCredentials, ConfigError.ConfigError> =>
  Effect.flatMap(checkApiKey(options.apiKey), (apiKey) =>
    isTextSecret(options.apiSecret)
      ? Effect.succeed({ _tag: "ApiKey" as const, apiKey, apiSecret: options.apiSecret })
      : Effect.fail(invalid("apiSecret", "expected a non-empty string wrapped in Redacted")))

/** The settings beside already-checked credentials. */
const makeWith = (
  credentials: Credentials,
  options: CommonOptions
): Effect.Effect<Service, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const fallbackUrl = credentials._tag === "ApiKey" ? defaultBaseUrl : defaultVonageBaseUrl
    const baseUrl = yield* checkBaseUrl(options.baseUrl ?? fallbackUrl)
    const timeout = Duration.decodeUnknown(options.timeout ?? defaultTimeout)
    if (Option.isNone(timeout) || Duration.lessThan(timeout.value, Duration.millis(1))) {
      return yield* Effect.fail(invalid("timeout", "expected a duration of at least 1 millisecond"))
    }
    const suffix = typeof options.userAgentSuffix === "string" ? options.userAgentSuffix.trim() : undefined
    if (options.userAgentSuffix !== undefined && (suffix === undefined || !/^[\x20-\x7e]*$/.test(suffix))) {
      return yield* Effect.fail(invalid("userAgentSuffix", "expected printable ASCII, as HTTP headers require"))
    }
    return {
      credentials,
      baseUrl,
      timeout: timeout.value,
      userAgentSuffix: suffix === undefined || suffix === "" ? Option.none() : Option.some(suffix)
    } satisfies Service
  })

const isTextSecret = (secret: unknown): secret is Redacted.Redacted<string> =>
  Redacted.isRedacted(secret) && typeof Redacted.value(secret) === "string" && Redacted.value(secret) !== ""

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Reads and checks the private key now, at layer build time, so a bad key never waits for the
 * first request to show itself. The error names the problem, never the key.
 */
const checkApplication = (
  options: ApplicationOptions,
  paths: { readonly applicationId: string; readonly privateKey: string } = {
    applicationId: "applicationId",
    privateKey: "privateKey"
  }
): Effect.Effect<ApplicationCredentials, ConfigError.ConfigError> =>
  Effect.gen(function*() {
    const applicationId = typeof options.applicationId === "string" ? options.applicationId.trim() : ""
    if (!uuid.test(applicationId)) {
      return yield* Effect.fail(invalid(paths.applicationId, "expected an application id (a UUID)"))
    }
    if (!isTextSecret(options.privateKey)) {
      return yield* Effect.fail(invalid(paths.privateKey, "expected PEM text or a file path, wrapped in Redacted"))
    }
    const given = Redacted.value(options.privateKey).trim()
    const pem = given.startsWith("-----BEGIN") ? given : yield* readKeyFile(given, paths.privateKey)
    const problem = privateKeyProblem(pem)
    if (problem !== undefined) return yield* Effect.fail(invalid(paths.privateKey, problem))
    return { _tag: "Application", applicationId, privateKey: Redacted.make(pem) }
  })

const readKeyFile = (path: string, configPath: string): Effect.Effect<string, ConfigError.ConfigError> =>
  Effect.try({
    try: () => readFileSync(path, "utf8"),
    // The path may be a mistyped key: say what failed without repeating it.
    catch: (error) =>
      invalid(
        configPath,
        `not PEM text, and not a readable file (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`
      )
  })

const privateKeyProblem = (pem: string): string | undefined => {
  try {
    const key = createPrivateKey(pem)
    return key.asymmetricKeyType === "rsa" ? undefined : `expected an RSA key, got ${key.asymmetricKeyType}`
  } catch {
    return "not a readable PEM private key"
  }
}

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

const commonFromEnv = {
  baseUrl: Config.nonEmptyString("OPENTOK_API_URL").pipe(
    Config.mapOrFail((url) => checkBaseUrl(url, "OPENTOK_API_URL")),
    Config.option,
    Config.map(Option.getOrUndefined)
  ),
  timeout: timeoutFromEnv("OPENTOK_TIMEOUT"),
  userAgentSuffix: Config.option(Config.string("OPENTOK_USER_AGENT_SUFFIX")).pipe(Config.map(Option.getOrUndefined))
}

const apiKeyFromEnv: Config.Config<ApiKeyOptions> = Config.all({
  ...commonFromEnv,
  apiKey: Config.nonEmptyString("OPENTOK_API_KEY").pipe(Config.mapOrFail((key) => checkApiKey(key, "OPENTOK_API_KEY"))),
  apiSecret: Config.redacted(Config.nonEmptyString("OPENTOK_API_SECRET").pipe(Config.map((s) => s.trim())))
})

const applicationFromEnv: Config.Config<ApplicationOptions & { readonly keyVariable: string }> = Config.all({
  ...commonFromEnv,
  applicationId: Config.nonEmptyString("VONAGE_APPLICATION_ID"),
  key: Config.redacted(Config.nonEmptyString("VONAGE_PRIVATE_KEY")).pipe(
    Config.map((privateKey) => ({ privateKey, keyVariable: "VONAGE_PRIVATE_KEY" })),
    Config.orElse(() =>
      Config.redacted(Config.nonEmptyString("VONAGE_PRIVATE_KEY_PATH")).pipe(
        Config.map((privateKey) => ({ privateKey, keyVariable: "VONAGE_PRIVATE_KEY_PATH" }))
      )
    )
  )
}).pipe(Config.map(({ key, ...rest }) => ({ ...rest, ...key })))

/**
 * Reads the credentials from the environment: `OPENTOK_API_KEY` and `OPENTOK_API_SECRET`, or, when
 * those are absent, `VONAGE_APPLICATION_ID` with `VONAGE_PRIVATE_KEY` (PEM text) or
 * `VONAGE_PRIVATE_KEY_PATH`. Then `OPENTOK_API_URL` (optional, default by kind), `OPENTOK_TIMEOUT`
 * (optional: milliseconds, or a duration such as `"5 seconds"`) and `OPENTOK_USER_AGENT_SUFFIX`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFromEnv = (): Layer.Layer<OpenTokConfig, ConfigError.ConfigError> =>
  Layer.effect(
    OpenTokConfig,
    Effect.gen(function*() {
      const hasOpenTokKey = Option.isSome(yield* Config.option(Config.string("OPENTOK_API_KEY")))
      const hasApplication = Option.isSome(yield* Config.option(Config.string("VONAGE_APPLICATION_ID")))
      if (hasOpenTokKey || !hasApplication) return yield* Effect.flatMap(apiKeyFromEnv, make)
      const { keyVariable, ...options } = yield* applicationFromEnv
      const credentials = yield* checkApplication(options, {
        applicationId: "VONAGE_APPLICATION_ID",
        privateKey: keyVariable
      })
      return yield* makeWith(credentials, options)
    })
  )
