import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
// effect's Arbitrary builds on the fast-check copy effect ships, so the property runs on that copy.
import * as fc from "effect/FastCheck"
import * as Archives from "../src/Archives.ts"

// The archive bodies of the REST contract, section 6.1, copied so the suite stands on its own.
const startedBody = {
  id: "a1b2c3d4-0000-4000-8000-00000000a001",
  status: "started",
  name: "standup",
  reason: "",
  sessionId: "1_MX44NzY1NDMyMX5-MTcwMDAwMDAwMDAwMH5aeDlRbTJMa35-",
  projectId: 87654321,
  createdAt: 1700000001000,
  updatedAt: 1700000001200,
  size: 0,
  duration: 0,
  outputMode: "composed",
  streamMode: "manual",
  hasAudio: true,
  hasVideo: true,
  hasTranscription: false,
  sha256sum: "",
  password: "",
  multiArchiveTag: "tag-1",
  event: "archive",
  resolution: "1280x720",
  url: null,
  maxBitrate: 2000000,
  streams: []
}

const availableBody = {
  id: "a1b2c3d4-0000-4000-8000-00000000a002",
  status: "available",
  name: null,
  reason: "session ended",
  sessionId: "SESSION-A",
  applicationId: "11111111-2222-3333-4444-555555555555",
  createdAt: 1700000100000,
  updatedAt: 1700000400000,
  size: 4194304,
  duration: 300,
  outputMode: "individual",
  streamMode: "auto",
  hasAudio: true,
  hasVideo: true,
  hasTranscription: true,
  transcription: {
    status: "completed",
    reason: "",
    url: "https://files.example.test/t/a002.json",
    primaryLanguageCode: "en-US",
    hasSummary: true
  },
  sha256sum: "ZmFrZS1kaWdlc3Q=",
  password: "",
  event: "archive",
  url: "https://files.example.test/a/a002.zip"
}

// The archive callback body: partnerId-less, with a `certificate` field no schema names.
const uploadedCallbackBody = {
  id: "a1b2c3d4-0000-4000-8000-00000000a002",
  status: "uploaded",
  name: "",
  reason: "",
  sessionId: "SESSION-A",
  projectId: 87654321,
  createdAt: 1700000100000,
  updatedAt: 1700000500000,
  size: 4194304,
  duration: 300,
  outputMode: "composed",
  hasAudio: true,
  hasVideo: true,
  certificate: "",
  sha256sum: "",
  password: ""
}

const decodeArchive = Schema.decodeUnknownEither(Archives.Archive)
const decodeList = Schema.decodeUnknownEither(Archives.ArchiveList)

describe("the Archive schema", () => {
  it("decodes the contract's started archive, with manual-mode streams", () => {
    const archive = Either.getOrThrow(decodeArchive(startedBody))
    assert.strictEqual(archive.status, "started")
    assert.strictEqual(archive.projectId, 87654321)
    assert.isNull(archive.url)
    assert.deepStrictEqual(archive.streams, [])
    assert.deepStrictEqual(archive.createdAtDate, new Date(1700000001000))
  })

  it("decodes the available archive: applicationId, name null, transcription", () => {
    const archive = Either.getOrThrow(decodeArchive(availableBody))
    assert.isNull(archive.name)
    assert.strictEqual(archive.applicationId, "11111111-2222-3333-4444-555555555555")
    assert.strictEqual(archive.transcription?.status, "completed")
    assert.isTrue(archive.isAvailable)
  })

  it("ignores unknown fields such as certificate", () => {
    const archive = Either.getOrThrow(decodeArchive(uploadedCallbackBody))
    assert.strictEqual(archive.status, "uploaded")
    assert.notProperty(archive, "certificate")
  })

  it("decodes the stopped, expired and partnerId variants", () => {
    const stopped = Either.getOrThrow(decodeArchive({ ...startedBody, status: "stopped", reason: "user initiated" }))
    assert.strictEqual(stopped.reason, "user initiated")
    const expired = Either.getOrThrow(decodeArchive({ ...availableBody, status: "expired", url: null }))
    assert.strictEqual(expired.status, "expired")
    const legacy = { ...startedBody, projectId: undefined, partnerId: 87654321 }
    assert.strictEqual(Either.getOrThrow(decodeArchive(legacy)).partnerId, 87654321)
  })

  it("decodes a list page", () => {
    const page = Either.getOrThrow(decodeList({ count: 2, items: [startedBody, availableBody] }))
    assert.strictEqual(page.count, 2)
    assert.deepStrictEqual(page.items.map((a) => a.id), [startedBody.id, availableBody.id])
  })

  it("refuses what is not an archive, saying where", () => {
    const unknownStatus = decodeArchive({ ...startedBody, status: "recording" })
    assert.isTrue(Either.isLeft(unknownStatus))
    const noId = decodeArchive({ ...startedBody, id: undefined })
    assert.isTrue(Either.isLeft(noId))
    assert.include(String(Either.getLeft(noId)), "id")
  })

  it("re-encodes any JSON it accepts to an equal value", () => {
    const encodedSide = Schema.encodedSchema(Archives.Archive)
    const json = Arbitrary.make(encodedSide).map((value) => JSON.parse(JSON.stringify(value)) as unknown)
    const decode = Schema.decodeUnknownEither(Archives.Archive)
    const encode = Schema.encodeEither(Archives.Archive)
    let accepted = 0
    fc.assert(
      fc.property(json, (input) => {
        const decoded = decode(input)
        if (Either.isLeft(decoded)) return
        accepted++
        assert.deepStrictEqual(Either.getOrThrow(encode(decoded.right)), input)
      }),
      { numRuns: 300 }
    )
    assert.isAbove(accepted, 200, "most generated values are valid JSON archives")
  })
})
