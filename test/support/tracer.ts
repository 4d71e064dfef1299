import * as Effect from "effect/Effect"
import * as Tracer from "effect/Tracer"

/** Runs `effect` with a tracer that keeps every span it starts, and returns them with the result. */
export const withRecordedSpans = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.tracerWith((base) => {
    const spans: Array<Tracer.Span> = []
    const recording = Tracer.make({
      span: (...args) => {
        const span = base.span(...args)
        spans.push(span)
        return span
      },
      context: base.context
    })
    return Effect.map(Effect.either(Effect.withTracer(effect, recording)), (result) => ({ result, spans }))
  })
