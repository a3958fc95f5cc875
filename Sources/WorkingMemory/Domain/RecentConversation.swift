import Foundation
import SourceData

/// A recent conversation as the prompt lists it: when it started and its (cut) summary.
public struct RecentConversation: Sendable, Hashable {
    public var id: UUID
    public var createdAt: Date
    public var summary: String
    /// True when `.v1` cut the summary right after a space, which the earlier version kept at the line's end.
    public var cutAfterSpace = false

    /// Sessions with a summary that started within `settings.conversationLookback` of `now` (inclusive),
    /// newest first (ties by id), at most `settings.maxConversations`, summaries cut to
    /// `settings.conversationSummaryLength`.
    ///
    /// Summarised sessions outside the lookback or beyond the count are counted as excluded by a limit;
    /// sessions without a summary have nothing to show and are not counted. `.v1` cuts at code points with
    /// no marker, as the earlier version did; `.standard` cuts at characters and ends the cut with `…`.
    public static func select(from rows: [ChatSessionRow], now: Date, settings: BuilderSettings,
                              flavour: TemplateFlavour) -> LimitedSelection<RecentConversation> {
        let since = now.addingTimeInterval(-settings.conversationLookback)
        let summarised = rows.filter { !($0.summary ?? "").allSatisfy(\.isWhitespace) }
        let inside = summarised.filter { $0.createdAt >= since }.sorted {
            $0.createdAt != $1.createdAt ? $0.createdAt > $1.createdAt : UUIDOrder.precedes($0.id, $1.id)
        }
        let listed = inside.map { row in
            let summary = cut(row.summary ?? "", to: settings.conversationSummaryLength, flavour)
            let wasCut = summary.unicodeScalars.count < (row.summary ?? "").unicodeScalars.count
            return RecentConversation(id: row.id, createdAt: row.createdAt, summary: summary,
                                      cutAfterSpace: flavour == .v1 && wasCut && summary.unicodeScalars.last == " ")
        }
        return .first(settings.maxConversations, of: listed, alreadyExcluded: summarised.count - inside.count)
    }

    /// The instant the oldest summarised session inside the lookback of `now` leaves it; nil when none is
    /// inside. Sessions without a summary are neither shown nor counted, so they never change the block.
    public static func windowExit(of rows: [ChatSessionRow], now: Date, settings: BuilderSettings) -> Date? {
        let since = now.addingTimeInterval(-settings.conversationLookback)
        return rows.lazy.filter { !($0.summary ?? "").allSatisfy(\.isWhitespace) && $0.createdAt >= since }
            .map(\.createdAt).min()?.addingTimeInterval(settings.conversationLookback)
    }

    static func cut(_ summary: String, to length: Int, _ flavour: TemplateFlavour) -> String {
        switch flavour {
        case .v1:
            guard summary.unicodeScalars.count > length else { return summary }
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: summary.unicodeScalars.prefix(length))
            return String(scalars)
        case .standard:
            guard summary.count > length else { return summary }
            return String(summary.prefix(length)) + "…"
        }
    }
}
