import Foundation
import Hummingbird
import WireFormats
import WorkingMemory

/// A request's query parameters, checked against the names its route accepts.
///
/// An unknown name is refused (400 `unknown_parameter`) rather than ignored, so a misspelt `budgt=` is not
/// silently rendered with the default budget. A name given empty (`now=` or `now`) or more than once is
/// refused (400 `invalid_parameter`): neither has one meaning a caller could rely on. Absent stays absent.
struct QueryParameters {
    private let values: [String: String]

    /// Reads the query of `request`, accepting only `accepted` names, each at most once and never empty.
    init(_ request: Request, accepted: [String]) throws(ServiceError) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard accepted.contains(name) else {
                let known = accepted.isEmpty ? "this route takes none" : "accepted: \(accepted.joined(separator: ", "))"
                throw .badRequest("unknown_parameter", "unknown query parameter \(QuotedValue(name)); \(known)")
            }
            guard !value.isEmpty else {
                throw .badRequest("invalid_parameter", "\(name) is empty; give it a value or leave it out")
            }
            guard values.updateValue(String(value), forKey: name) == nil else {
                throw .badRequest("invalid_parameter", "\(name) is given more than once; give it once")
            }
        }
        self.values = values
    }

    /// The text of `name`, or nil when absent (never empty).
    func text(_ name: String) -> String? {
        values[name]
    }

    /// `name` as a whole number in `range`, or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(ServiceError) -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .badRequest("invalid_parameter", "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `name` as an RFC 3339 moment with an offset, in the years `ServiceLimits.momentYears`, or nil when absent.
    ///
    /// The years are read from the text as written (what the spec's pattern checks): the render reads
    /// windows before the moment and may say when it expires after it, and both must stay within years
    /// 1 to 9999.
    func moment(_ name: String) throws(ServiceError) -> Date? {
        guard let text = text(name) else { return nil }
        guard let date = RFC3339.date(from: text) else {
            throw .badRequest("invalid_parameter", "\(name) must be RFC 3339 with an offset, e.g. 2026-11-26T09:30:00Z")
        }
        let years = ServiceLimits.momentYears
        guard let year = Int(text.prefix(4)), years.contains(year) else {
            throw .badRequest("invalid_parameter", "\(name) must be in the years \(years.lowerBound) to \(years.upperBound)")
        }
        return date
    }
}

/// The `{id}` path parameter as a user id.
func userID(in context: some RequestContext) throws(ServiceError) -> UUID {
    let text = context.parameters.get("id") ?? ""
    guard let user = UUID(canonicalText: text) else {
        throw .badRequest("invalid_user_id", "the user id \(QuotedValue(text)) is not a UUID")
    }
    return user
}
