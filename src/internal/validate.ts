import * as Effect from "effect/Effect"
import { InvalidOption } from "../OpenTokError.ts"

/** Renders any value for a message without throwing (bigints, cycles, null prototypes). */
export const show = (value: unknown): string => {
  try {
    const json = JSON.stringify(value)
    if (json !== undefined) return json.length > 80 ? `${json.slice(0, 80)}...` : json
  } catch {
    // fall through to the type name
  }
  return typeof value === "bigint" ? `${value}n` : `a value of type ${typeof value}`
}

/**
 * Checks made before any request is sent. Each returns the first problem as an `InvalidOption`,
 * naming the operation and the option as the caller wrote it.
 */
export const invalid = (operation: string, option: string, reason: string) =>
  Effect.fail(new InvalidOption({ operation, option, reason }))

export const oneOf = <const A extends string>(
  operation: string,
  option: string,
  value: unknown,
  allowed: ReadonlyArray<A>
): Effect.Effect<void, InvalidOption> =>
  value === undefined || allowed.includes(value as A)
    ? Effect.void
    : invalid(operation, option, `expected one of ${allowed.join(", ")}, got ${show(value)}`)

export const ensure = (
  operation: string,
  option: string,
  holds: boolean,
  reason: string
): Effect.Effect<void, InvalidOption> => holds ? Effect.void : invalid(operation, option, reason)

export const nonEmptyString = (operation: string, option: string, value: unknown): Effect.Effect<void, InvalidOption> =>
  typeof value === "string" && value.trim() !== ""
    ? Effect.void
    : invalid(operation, option, `expected a non-empty string, got ${show(value)}`)

export const booleanOrUndefined = (
  operation: string,
  option: string,
  value: unknown
): Effect.Effect<void, InvalidOption> =>
  value === undefined || typeof value === "boolean"
    ? Effect.void
    : invalid(operation, option, `expected true or false, got ${show(value)}`)

export const integerBetween = (
  operation: string,
  option: string,
  value: unknown,
  min: number,
  max: number
): Effect.Effect<void, InvalidOption> =>
  value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
    ? Effect.void
    : invalid(operation, option, `expected a whole number from ${min} to ${max}, got ${show(value)}`)

/** The options argument itself: absent, or a plain object. */
export const optionsObject = (operation: string, value: unknown): Effect.Effect<void, InvalidOption> =>
  value === undefined || (typeof value === "object" && value !== null && !Array.isArray(value))
    ? Effect.void
    : invalid(operation, "options", `expected an object, got ${show(value)}`)
