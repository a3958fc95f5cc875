import Foundation
import WireFormats

/// The design's four write points as typed events, so no caller formats a summary by hand.
///
/// Each constructor gives every summary of its kind one shape. User text in a summary (titles, keys, values)
/// is cut so that the summary stays within 500 characters; the metadata keeps the full identifiers.
extension NewActivityEvent {
    /// How a deliverable version ended up after a run.
    public enum DeliverableRunStatus: String, Sendable, CaseIterable {
        case staged, approved, delivered
    }

    /// Whether a memory write created a value or changed an existing one.
    public enum MemoryWriteAction: String, Sendable, CaseIterable {
        case noted, updated
    }

    /// `{title} v{N} generated ({status})`; ref is the version id.
    public static func deliverableRun(
        user: UUID,
        deliverableID: UUID,
        title: String,
        versionID: UUID,
        versionNumber: Int,
        strategy: String,
        status: DeliverableRunStatus,
        at createdAt: Date? = nil
    ) throws(ActivityValidationError) -> NewActivityEvent {
        let suffix = " v\(versionNumber) generated (\(status.rawValue))"
        return try NewActivityEvent(
            user: user,
            type: .deliverableRun,
            summary: fitted(title, before: suffix) + suffix,
            ref: versionID,
            metadata: [
                "deliverable_id": .string(deliverableID.lowercasedString),
                "version_number": .integer(Int64(versionNumber)),
                "strategy": .string(strategy),
                "final_status": .string(status.rawValue),
            ],
            createdAt: createdAt
        )
    }

    /// `Synced {platform}/{resource name or id}: {n} items`, or nil when nothing was synced (n is 0).
    public static func platformSync(
        user: UUID,
        platform: String,
        resourceID: String,
        resourceName: String?,
        itemCount: Int,
        at createdAt: Date? = nil
    ) throws(ActivityValidationError) -> NewActivityEvent? {
        guard itemCount > 0 else { return nil }
        let resource = resourceName.flatMap { $0.isEmpty ? nil : $0 } ?? resourceID
        let suffix = ": \(itemCount) items"
        let prefix = "Synced \(platform)/"
        var metadata: [String: JSONValue] = [
            "platform": .string(platform),
            "resource_id": .string(resourceID),
            "item_count": .integer(Int64(itemCount)),
        ]
        metadata["resource_name"] = resourceName.map(JSONValue.string) ?? .null
        return try NewActivityEvent(
            user: user,
            type: .platformSynced,
            summary: prefix + fitted(resource, before: suffix, after: prefix) + suffix,
            metadata: metadata,
            createdAt: createdAt
        )
    }

    /// `Noted: {key} = {value}` or `Updated: {key} = {value}`, the value cut at 80 characters with `...`.
    public static func memoryWrite(
        user: UUID,
        key: String,
        value: String,
        source: String,
        action: MemoryWriteAction,
        at createdAt: Date? = nil
    ) throws(ActivityValidationError) -> NewActivityEvent {
        let shownValue = value.count > 80 ? String(value.prefix(80)) + "..." : value
        let verb = action == .noted ? "Noted: " : "Updated: "
        let suffix = " = \(shownValue)"
        return try NewActivityEvent(
            user: user,
            type: .memoryWritten,
            summary: verb + fitted(key, before: suffix, after: verb) + suffix,
            metadata: ["key": .string(key), "source": .string(source), "action": .string(action.rawValue)],
            createdAt: createdAt
        )
    }

    /// `Chat session ({n} turns)`, or nil for a session of one turn or fewer.
    public static func chatSession(
        user: UUID,
        sessionID: UUID? = nil,
        turns: Int,
        toolsUsed: [String],
        at createdAt: Date? = nil
    ) throws(ActivityValidationError) -> NewActivityEvent? {
        guard turns > 1 else { return nil }
        return try NewActivityEvent(
            user: user,
            type: .chatSession,
            summary: "Chat session (\(turns) turns)",
            ref: sessionID,
            metadata: ["turns": .integer(Int64(turns)), "tools_used": .array(toolsUsed.map(JSONValue.string))],
            createdAt: createdAt
        )
    }

    /// Cuts `text` with `...` so that `after + text + before` fits the summary limit.
    private static func fitted(_ text: String, before suffix: String, after prefix: String = "") -> String {
        let room = maximumSummaryLength - suffix.unicodeScalars.count - prefix.unicodeScalars.count
        guard text.unicodeScalars.count > room else { return text }
        var cut = String.UnicodeScalarView(text.unicodeScalars.prefix(max(0, room - 3)))
        cut.append(contentsOf: "...".unicodeScalars)
        return String(cut)
    }
}
