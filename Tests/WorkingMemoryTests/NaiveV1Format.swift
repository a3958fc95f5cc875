import Foundation
import SourceData
import WireFormats
@testable import WorkingMemory

/// The earlier version's "v1" block, reimplemented as naively as the original wrote it: string concatenation
/// straight from `shared/reference/working-memory-reference.md` ("The prompt block, as the original rendered
/// it"), sharing no code with the builder, the template or the compiler. Only for benign snapshots (plain
/// words, single spaces): nothing is escaped, as nothing was in the original.
///
/// Where the original's row order was the database's unspecified order (user_context rows), this follows
/// wm's documented v1 order instead: by key, in code-point order (docs/BUILDER.md, `TemplateFlavour`).
enum NaiveV1Format {
    static func render(_ snapshot: Snapshot, now: Date) -> String {
        var context: [String: String] = [:]
        for row in snapshot.userContext where !row.value.isEmpty { context[row.key] = row.value }
        let keys = context.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }

        var lines = ["## Working Memory", ""]
        var any = false
        /// Every section but About you: one empty line, its header and its lines; left out when empty.
        func section(_ heading: String, _ body: [String]) {
            guard !body.isEmpty else { return }
            any = true
            lines.append("")
            lines.append("### \(heading)")
            lines.append(contentsOf: body)
        }

        // 1. About you: whenever any profile value is set, even when no line follows.
        let profileKeys = ["name", "role", "company", "timezone", "summary"]
        if profileKeys.contains(where: { context[$0] != nil }) {
            any = true
            lines.append("### About you")
            if let name = context["name"] {
                var line = "**\(name)**"
                if let role = context["role"] { line += " (\(role))" }
                if let company = context["company"] { line += " at \(company)" }
                lines.append(line)
            }
            if let zone = context["timezone"] { lines.append("Timezone: \(zone)") }
            if let summary = context["summary"] { lines.append(summary) }
        }

        // 2. Preferences: per platform with tone and/or verbosity (platforms by name), then preference: values.
        var platforms: [String] = []
        for key in keys {
            for prefix in ["tone_", "verbosity_"] where key.hasPrefix(prefix) {
                let platform = String(key.dropFirst(prefix.count))
                if !platforms.contains(platform) { platforms.append(platform) }
            }
        }
        platforms.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        var preferenceLines: [String] = []
        for platform in platforms {
            var parts: [String] = []
            if let tone = context["tone_" + platform] { parts.append("tone: \(tone)") }
            if let verbosity = context["verbosity_" + platform] { parts.append("verbosity: \(verbosity)") }
            preferenceLines.append("- **\(platform)**: " + parts.joined(separator: ", "))
        }
        for key in keys where key.hasPrefix("preference:") { preferenceLines.append("- Prefers: \(context[key]!)") }
        section("Your preferences", preferenceLines)

        // 3. What you've told me: facts, instructions and preferences (again), by key.
        var told: [String] = []
        for key in keys {
            if key.hasPrefix("fact:") { told.append("- \(context[key]!)") }
            if key.hasPrefix("instruction:") { told.append("- Note: \(context[key]!)") }
            if key.hasPrefix("preference:") { told.append("- Prefers: \(context[key]!)") }
        }
        section("What you've told me", told)

        // 4. Active deliverables: newest updated_at first, at most 5, then the indented "more" line.
        let active = snapshot.deliverables.filter { $0.status == "active" }
            .sorted { ($0.updatedAt ?? .distantPast) > ($1.updatedAt ?? .distantPast) }
        var deliverableLines = active.prefix(5).map { row in
            "- \(row.title) (\(string(row.schedule, "frequency") ?? "unknown")) → \(string(row.recipientContext, "name") ?? "unspecified")"
        }
        if active.count > 5 { deliverableLines.append("  ... and \(active.count - 5) more active deliverables") }
        section("Active deliverables", deliverableLines)

        // 5. Connected platforms: by name, at most 5.
        let connections = snapshot.platformConnections.sorted { $0.platform < $1.platform }.prefix(5)
        section("Connected platforms", connections.map { row in
            "- \(row.platform): " + (row.status == "connected" ? freshness(row.lastSyncedAt, now: now) : (row.status ?? "active"))
        })

        // 6. Recent conversations: with a summary, in the last 7 days, newest first, at most 3, first 300 characters.
        let sessions = snapshot.chatSessions
            .filter { ($0.summary ?? "") != "" && $0.createdAt >= now.addingTimeInterval(-7 * 86_400) }
            .sorted { $0.createdAt > $1.createdAt }.prefix(3)
        section("Recent conversations", sessions.map { row in
            "- \(day(row.createdAt)): " + String(String.UnicodeScalarView(row.summary!.unicodeScalars.prefix(300)))
        })

        // 7. Recent activity: the last 7 days, newest first, at most 10, times in UTC.
        let events = snapshot.activityLog.filter { $0.createdAt >= now.addingTimeInterval(-7 * 86_400) }
            .sorted { $0.createdAt > $1.createdAt }.prefix(10)
        section("Recent activity", events.map { "- \(minute($0.createdAt)) · \($0.summary)" })

        return any ? lines.joined(separator: "\n") : "## Working Memory\n"
    }

    static func freshness(_ sync: LastSync?, now: Date) -> String {
        guard let sync else { return "never synced" }
        guard case .at(let date) = sync else { return "unknown" }
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 3_600 { return "fresh" }
        if seconds < 86_400 { return "\(seconds / 3_600) hours ago" }
        if seconds < 7 * 86_400 { return "\(seconds / 86_400) days ago" }
        return "stale (\(seconds / 86_400) days)"
    }

    static func string(_ value: JSONValue?, _ key: String) -> String? {
        guard case .object(let members)? = value, case .string(let text)? = members[key] else { return nil }
        return text
    }

    static func day(_ date: Date) -> String { formatted(date, "yyyy-MM-dd") }
    static func minute(_ date: Date) -> String { formatted(date, "yyyy-MM-dd HH:mm") }

    static func formatted(_ date: Date, _ format: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter.string(from: date)
    }
}
