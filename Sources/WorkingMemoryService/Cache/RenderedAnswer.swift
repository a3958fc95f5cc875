import Crypto
import Foundation
import Hummingbird
import SourceData
import Tokenization
import WorkingMemory

/// A working-memory answer as the service sends it: the body, its entity tag, and the span of time and the
/// data version for which it is the right answer.
public struct RenderedAnswer: Sendable {
    public let format: AnswerFormat
    public let body: ByteBuffer
    /// A strong entity tag of the body's exact bytes (RFC 9110, section 8.8.3), with its quotes.
    public let entityTag: String
    /// The version of the data the body was rendered from; nil when the source read none.
    public let dataVersion: DataVersion?
    /// The `now` the body was rendered at.
    public let renderedAt: Date
    /// The first instant at which the same data may render differently (nil: never).
    public let validUntil: Date?

    public init(format: AnswerFormat, body: [UInt8], dataVersion: DataVersion?, renderedAt: Date, validUntil: Date?) {
        self.format = format
        self.body = ByteBuffer(bytes: body)
        entityTag = Self.entityTag(format: format, body: body)
        self.dataVersion = dataVersion
        self.renderedAt = renderedAt
        self.validUntil = validUntil
    }

    /// True when the body is the answer for `now` with unchanged data: from the moment it was rendered
    /// until just before `validUntil`. A clock that went back is outside the span.
    public func isValid(at now: Date) -> Bool {
        now >= renderedAt && validUntil.map { now < $0 } ?? true
    }

    /// What the entry costs the cache's byte bound: the body, the tag, and 256 bytes for the key, the
    /// bookkeeping and the allocations around them.
    public var costInBytes: Int { body.readableBytes + entityTag.utf8.count + 256 }

    /// The 200 answer, or 304 with no body when `ifNoneMatch` names this body's tag.
    public func response(ifNoneMatch: String?) -> Response {
        var headers: HTTPFields = [
            .eTag: entityTag, .cacheControl: "private, no-cache", .vary: "Accept",
        ]
        if let ifNoneMatch, EntityTagList.matches(ifNoneMatch, entityTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = format.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// `"FORMAT-HEX"`: the format, then the first 128 bits of the body's SHA-256 in hex. Equal bytes give
    /// equal tags in every process, so several service instances agree; the format keeps the JSON's and
    /// the markdown's tags apart even for equal bytes.
    public static func entityTag(format: AnswerFormat, body: [UInt8]) -> String {
        let digest = SHA256.hash(data: body)
        var tag = "\"" + format.rawValue + "-"
        for byte in digest.prefix(16) {
            tag.append(Self.hexDigits[Int(byte >> 4)])
            tag.append(Self.hexDigits[Int(byte & 0x0f)])
        }
        return tag + "\""
    }

    private static let hexDigits = Array("0123456789abcdef")
}
