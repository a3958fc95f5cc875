import Foundation
import Hummingbird
import PostgresStore
import WorkingMemory

/// `GET /v1/users/{id}/working-memory`: one user's rendered block, as JSON or (with `Accept: text/markdown`)
/// the markdown alone.
///
/// The JSON is `WorkingMemoryRendering.json`, the same bytes as `wm render --user ID --format json`. A table
/// that cannot be read still renders the others (200, named in `failed_sources`); when the database cannot
/// be reached or does not answer within the read timeout the answer is 503 with `Retry-After`. The data
/// is read from the replica when there is one (`ReadRouter`), in one snapshot of one server.
struct WorkingMemoryRoute: Sendable {
    static let path = "/v1/users/{id}/working-memory"
    static let queryParameters = ["template", "budget", "tokenizer", "now"]

    let reads: ReadRouter
    let catalog: RendererCatalog
    let metrics: ServiceMetrics

    func respond(_ request: Request, context: some RequestContext) async throws -> Response {
        let user = try userID(in: context)
        let query = try QueryParameters(request, accepted: Self.queryParameters)
        let renderer = try catalog.renderer(template: query.text("template"), tokenizer: query.text("tokenizer"))
        let budget = try query.integer("budget", in: 1...ServiceLimits.maximumBudget)
        let now = try query.moment("now") ?? Date()
        let fetched = try await reads.read(timeout: reads.primary.settings.readTimeout) { connection in
            try PostgresWorkingMemorySource(connection: connection).fetchNow(user: user, now: now)
        }
        metrics.recordFailedSources(fetched.failedSources)
        let rendering = try renderer.render(fetched, now: now, budget: budget)
        if Self.prefersMarkdown(request.headers[.accept]) {
            return Responses.body(rendering.markdown, contentType: "text/markdown; charset=utf-8")
        }
        return Responses.json(utf8: rendering.jsonUTF8)
    }

    /// True when `Accept` prefers `text/markdown` to `application/json`.
    ///
    /// Content negotiation as RFC 9110 describes it: each type gets the `q` of the most specific media range
    /// that matches it (`text/markdown` over `text/*` over `*/*`; none: 0). The higher `q` wins; on a tie the
    /// type whose range comes first in the header wins, and JSON when both share a range. Without `Accept`,
    /// or when neither type is acceptable, the answer is JSON.
    static func prefersMarkdown(_ accept: String?) -> Bool {
        guard let accept else { return false }
        let ranges = MediaRange.parseAll(accept)
        guard let markdown = MediaRange.preference(for: "text", "markdown", in: ranges) else { return false }
        guard let json = MediaRange.preference(for: "application", "json", in: ranges) else { return markdown.quality > 0 }
        if markdown.quality != json.quality { return markdown.quality > json.quality }
        return markdown.quality > 0 && markdown.position < json.position
    }
}
