import * as Effect from "effect/Effect"
import { InvalidOption } from "../OpenTokError.ts"

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
    : invalid(operation, option, `expected one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`)

export const ensure = (
  operation: string,
  option: string,
  holds: boolean,
  reason: string
): Effect.Effect<void, InvalidOption> => holds ? Effect.void : invalid(operation, option, reason)

export const nonEmptyString = (operation: string, option: string, value: unknown): Effect.Effect<void, InvalidOption> =>
  typeof value === "string" && value.trim() !== ""
    ? Effect.void
    : invalid(operation, option, `expected a non-empty string, got ${JSON.stringify(value)}`)

export const booleanOrUndefined = (
  operation: string,
  option: string,
  value: unknown
): Effect.Effect<void, InvalidOption> =>
  value === undefined || typeof value === "boolean"
    ? Effect.void
    : invalid(operation, option, `expected true or false, got ${JSON.stringify(value)}`)

export const integerBetween = (
  operation: string,
  option: string,
  value: unknown,
  min: number,
  max: number
): Effect.Effect<void, InvalidOption> =>
  value === undefined || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
    ? Effect.void
    : invalid(operation, option, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`)
