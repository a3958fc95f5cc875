import Foundation
import Hummingbird
import PostgresStore
import SourceData
import WorkingMemory

/// `GET /v1/users/{id}/working-memory`: one user's rendered block, as JSON or (with `Accept: text/markdown`)
/// the markdown alone.
///
/// The JSON is `WorkingMemoryRendering.json`, the same bytes as `wm render --user ID --format json`. A table
/// that cannot be read still renders the others (200, named in `failed_sources`); when the database cannot
/// be reached or does not answer within the read timeout the answer is 503 with `Retry-After`. The data
/// is read from the replica when there is one (`ReadRouter`), in one snapshot of one server.
///
/// Answers are kept in the `RenderCache`. A request without `now` that finds an entry valid at the clock's
/// time reads only the user's data version (one statement); when it equals the entry's, the entry is the
/// answer. Otherwise the data is read with its version in one snapshot, rendered, and kept when it can be
/// checked later (it has a version and no failed source). A read that returned a row of another user is
/// answered 502 `source_integrity`, counted, and never cached; it removes the key's entry, so the next
/// request reads again. Every answer carries a strong `ETag` of its bytes,
/// `Cache-Control: private, no-cache` and `Vary: Accept`; `If-None-Match` naming the current tag gets 304.
struct WorkingMemoryRoute: Sendable {
    static let path = "/v1/users/{id}/working-memory"
    static let queryParameters = ["template", "budget", "tokenizer", "now", "model", "static_prefix_tokens"]

    let reads: ReadRouter
    let catalog: RendererCatalog
    let cache: RenderCache
    let clock: ServiceClock
    let metrics: ServiceMetrics
    let cacheMetrics: RenderCacheMetrics

    func respond(_ request: Request, context: some RequestContext) async throws -> Response {
        let user = try userID(in: context)
        let query = try QueryParameters(request, accepted: Self.queryParameters)
        let choice = try catalog.choice(template: query.text("template"), tokenizer: query.text("tokenizer"))
        let budget = try query.integer("budget", in: 1...ServiceLimits.maximumBudget)
        let cacheCheck = try Self.cacheCheck(query, catalog: catalog)
        let format: AnswerFormat = Self.prefersMarkdown(request.headers[.accept]) ? .markdown : .json
        let ifNoneMatch = request.headers[values: .ifNoneMatch].joined(separator: ", ")
        let conditional = ifNoneMatch.isEmpty ? nil : ifNoneMatch
        if let now = try query.moment("now") {
            cacheMetrics.bypassed(.explicitNow).increment()
            return try await render(user, choice, budget, format, cacheCheck, now: now).response(ifNoneMatch: conditional)
        }
        let now = clock.now()
        guard cache.isEnabled else {
            cacheMetrics.bypassed(.disabled).increment()
            return try await render(user, choice, budget, format, cacheCheck, now: now).response(ifNoneMatch: conditional)
        }
        let key = RenderCacheKey(user: user, template: choice.template, tokenizer: choice.tokenizer, budget: budget, format: format,
                                 cacheCheck: cacheCheck)
        return try await cachedAnswer(key, choice, now: now).response(ifNoneMatch: conditional)
    }

    /// The cached answer for `key` when its data version is still the user's, else a new one (kept).
    private func cachedAnswer(_ key: RenderCacheKey, _ choice: RendererChoice, now: Date) async throws -> RenderedAnswer {
        switch cache.lookup(key, at: now) {
        case .candidate(let cached):
            let current = try await reads.read(timeout: reads.primary.settings.readTimeout) { connection in
                try DataVersionRead().version(of: key.user, on: connection)
            }
            if current == cached.dataVersion {
                cacheMetrics.hits.increment()
                return cached
            }
            cacheMetrics.changed.increment()
        case .expired:
            cacheMetrics.expired.increment()
        case .absent:
            cacheMetrics.absent.increment()
        }
        let answer: RenderedAnswer
        do {
            answer = try await render(key.user, choice, key.budget, key.format, key.cacheCheck, now: now)
        } catch let error as SourceError {
            // No such user, or a row of another user: nothing of the user may be answered from the cache.
            cache.remove(key)
            throw error
        }
        if answer.dataVersion != nil {
            cache.store(answer, for: key)
        } else {
            cacheMetrics.bypassed(.uncacheable).increment()
        }
        return answer
    }

    /// Reads and renders the block as of `now`; the answer has a data version only when it can be cached.
    private func render(
        _ user: UUID, _ choice: RendererChoice, _ budget: Int?, _ format: AnswerFormat, _ cacheCheck: CacheCheckRequest?, now: Date
    ) async throws -> RenderedAnswer {
        let fetched: SourceResult
        do {
            fetched = try await reads.read(timeout: reads.primary.settings.readTimeout) { connection in
                try PostgresWorkingMemorySource(connection: connection).fetchBlocking(user: user, now: now)
            }
        } catch SourceError.rowOfAnotherUser(let table, let row) {
            metrics.recordSourceIntegrityFailure(table)
            throw SourceError.rowOfAnotherUser(table: table, row: row)
        }
        metrics.recordFailedSources(fetched.failedSources)
        var rendering = try choice.renderer.render(fetched, now: now, budget: budget)
        if let cacheCheck {
            let (model, counter) = try catalog.cacheModel(named: cacheCheck.model)
            rendering = rendering.checkingCache(for: model, staticPrefixTokens: cacheCheck.staticPrefixTokens, counter: counter)
        }
        let body: [UInt8] = switch format {
        case .json: rendering.jsonUTF8
        case .markdown: Array(rendering.markdown.utf8)
        }
        return RenderedAnswer(
            format: format, body: body,
            dataVersion: fetched.failedSources.isEmpty ? rendering.dataVersion : nil,
            renderedAt: now, validUntil: rendering.validUntil)
    }

    /// The request's cache check (`model=`, `static_prefix_tokens=`), checked before anything is read.
    ///
    /// - Throws: 400 `unknown_model`, or `invalid_parameter` for a count out of range or given without `model`.
    static func cacheCheck(_ query: QueryParameters, catalog: RendererCatalog) throws -> CacheCheckRequest? {
        let staticTokens = try query.integer("static_prefix_tokens", in: 0...ServiceLimits.maximumStaticPrefixTokens)
        guard let name = query.text("model") else {
            if staticTokens != nil {
                throw ServiceError.badRequest("invalid_parameter", "static_prefix_tokens needs model; name the model to check")
            }
            return nil
        }
        _ = try catalog.cacheModel(named: name)
        return CacheCheckRequest(model: name, staticPrefixTokens: staticTokens ?? 0)
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
