/// A request id a client sent in `X-Request-Id`, when it is safe to log and echo: 1 to 128 characters of
/// letters, digits and `-_.:`. Anything else is ignored and the service makes its own id.
struct ClientRequestID: Equatable {
    let value: String

    init?(_ header: String?) {
        guard let header, (1...128).contains(header.utf8.count),
              header.utf8.allSatisfy(Self.isAllowed) else { return nil }
        value = header
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
             UInt8(ascii: ":"):
            true
        default:
            false
        }
    }
}
