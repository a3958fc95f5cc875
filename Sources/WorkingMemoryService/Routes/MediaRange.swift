import Foundation

/// One media range of an `Accept` header (`type/subtype;q=0.5`), lower-cased, with its position.
struct MediaRange: Equatable {
    let type: String
    let subtype: String
    /// The `q` parameter, 0...1; 1 when absent or not a valid quality value.
    let quality: Double
    /// Index in the header, for ties.
    let position: Int

    /// The ranges of an `Accept` header, skipping elements that are not `type/subtype`.
    static func parseAll(_ header: String) -> [MediaRange] {
        header.split(separator: ",").enumerated().compactMap { position, element in
            let parts = element.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            let names = parts.first?.split(separator: "/", omittingEmptySubsequences: false) ?? []
            guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                if let value = Double(parameter.dropFirst(2)), (0...1).contains(value) { quality = value }
            }
            return MediaRange(type: String(names[0]), subtype: String(names[1]), quality: quality, position: position)
        }
    }

    /// The most specific range that matches `type/subtype` (exact, then `type/*`, then `*/*`); nil if none.
    static func preference(for type: String, _ subtype: String, in ranges: [MediaRange]) -> MediaRange? {
        ranges.first { $0.type == type && $0.subtype == subtype }
            ?? ranges.first { $0.type == type && $0.subtype == "*" }
            ?? ranges.first { $0.type == "*" && $0.subtype == "*" }
    }
}
