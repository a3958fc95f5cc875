import Foundation
import Hummingbird
import WireFormats
import WorkingMemory

/// A request's query parameters, checked against the names its route accepts.
///
/// An unknown name is refused (400 `unknown_parameter`) rather than ignored, so a misspelt `budgt=` is not
/// silently rendered with the default budget. A name given twice keeps its last value.
struct QueryParameters {
    private let values: [String: String]

    /// Reads the query of `request`, accepting only `accepted` names.
    init(_ request: Request, accepted: [String]) throws(ServiceError) {
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters {
            let name = String(key)
            guard accepted.contains(name) else {
                throw .badRequest(
                    "unknown_parameter",
                    "unknown query parameter \(QuotedValue(name)); accepted: \(accepted.joined(separator: ", "))"
                )
            }
            values[name] = String(value)
        }
        self.values = values
    }

    /// The text of `name`, or nil when absent or empty.
    func text(_ name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// `name` as a whole number in `range`, or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(ServiceError) -> Int? {
        guard let text = text(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .badRequest("invalid_parameter", "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `name` as an RFC 3339 moment with an offset, or nil when absent.
    func moment(_ name: String) throws(ServiceError) -> Date? {
        guard let text = text(name) else { return nil }
        guard let date = RFC3339.date(from: text) else {
            throw .badRequest("invalid_parameter", "\(name) must be RFC 3339 with an offset, e.g. 2026-11-26T09:30:00Z")
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
