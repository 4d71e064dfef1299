/**
 * How composed output (archives and broadcasts) arranges its streams.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Validate from "./internal/validate.ts"
import type { InvalidOption } from "./OpenTokError.ts"

/**
 * @since 0.1.0
 * @category models
 */
export const LayoutType = Schema.Literal("bestFit", "custom", "horizontalPresentation", "pip", "verticalPresentation")

/**
 * @since 0.1.0
 * @category models
 */
export type LayoutType = typeof LayoutType.Type

/**
 * The layouts a screen-sharing stream can switch to (every predefined one).
 *
 * @since 0.1.0
 * @category models
 */
export const ScreenshareType = Schema.Literal("bestFit", "horizontalPresentation", "pip", "verticalPresentation")

/**
 * @since 0.1.0
 * @category models
 */
export type ScreenshareType = typeof ScreenshareType.Type

/**
 * @since 0.1.0
 * @category models
 */
export interface Layout {
  readonly type: LayoutType
  /** CSS for the `custom` type, and only for it. */
  readonly stylesheet?: string | undefined
  /** The layout used while a screen is shared. Only with type `bestFit`. */
  readonly screenshareType?: ScreenshareType | undefined
}

/**
 * Checks a layout as the strictest official SDK does: custom needs a stylesheet, a stylesheet needs
 * custom, and a screenshare type needs bestFit.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (operation: string, layout: Layout, option = "layout"): Effect.Effect<void, InvalidOption> =>
  Effect.gen(function*() {
    yield* Validate.ensure(operation, option, typeof layout === "object" && layout !== null, "expected an object")
    yield* Validate.oneOf(operation, `${option}.type`, layout.type ?? "", LayoutType.literals)
    const custom = layout.type === "custom"
    if (layout.stylesheet !== undefined) {
      yield* Validate.ensure(operation, `${option}.stylesheet`, custom, "is only used with type custom")
    }
    if (custom) {
      yield* Validate.nonEmptyString(operation, `${option}.stylesheet`, layout.stylesheet)
    }
    if (layout.screenshareType !== undefined) {
      yield* Validate.ensure(operation, `${option}.screenshareType`, layout.type === "bestFit", "needs type bestFit")
      yield* Validate.oneOf(operation, `${option}.screenshareType`, layout.screenshareType, ScreenshareType.literals)
    }
  })

/**
 * The layout as the platform's JSON: only the fields that were given.
 *
 * @since 0.1.0
 * @category encoding
 */
export const toJson = (layout: Layout): Record<string, string> => ({
  type: layout.type,
  ...(layout.stylesheet === undefined ? {} : { stylesheet: layout.stylesheet }),
  ...(layout.screenshareType === undefined ? {} : { screenshareType: layout.screenshareType })
})
