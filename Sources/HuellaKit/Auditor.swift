import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaRules
import Logging

/// The pipeline: fetch → parse → extract → rules → findings, per assistant, many at once.
public struct Auditor: Sendable {
    let fetcher: any Fetcher
    let engine: RuleEngine
    let configuration: AuditConfiguration
    let extractor: PageExtractor
    let logger: Logger
    let cache: (any PageCache)?

    public init(
        fetcher: any Fetcher, rules: [Rule], configuration: AuditConfiguration, currentYear: Int? = nil,
        cache: (any PageCache)? = nil,
        logger: Logger = Logger(label: "huella", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.cache = cache
        self.fetcher = fetcher
        self.engine = RuleEngine(rules: rules, language: configuration.language, currentYear: currentYear)
        self.configuration = configuration
        self.extractor = PageExtractor(vocabulary: configuration.vocabulary, hosts: configuration.hosts)
        self.logger = logger
    }

    /// Audits every assistant; `onResult` is called as each one finishes (for streaming
    /// reports and the state store), with its claims already encoded when the pipeline had
    /// them (see `EncodedClaims`). The result lists assistants in input order. With a
    /// deadline, work still running then is cancelled and unstarted assistants are marked
    /// not reached: the run ends on time with a valid, partial result.
    public func run(
        _ assistants: [Assistant], inputDiagnostics: [Diagnostic] = [], deadline: ContinuousClock.Instant? = nil,
        onResult: @Sendable (AssistantResult, EncodedClaims?) async -> Void = { _, _ in }
    ) async -> RunResult {
        let started = Date()
        var results = [AssistantResult?](repeating: nil, count: assistants.count)
        await withTaskGroup(of: (Int, AssistantResult, EncodedClaims?)?.self) { group in
            var next = 0
            var finishedCount = 0
            var expired = false
            if let deadline, !assistants.isEmpty {
                group.addTask {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    return nil  // the watchdog: its return means time is up
                }
            }
            func enqueue() {
                guard next < assistants.count, !expired else { return }
                let index = next
                let assistant = assistants[index]
                next += 1
                group.addTask {
                    let (result, encoded) = await self.auditEncoded(assistant)
                    return (index, result, encoded)
                }
            }
            for _ in 0..<max(1, configuration.assistantConcurrency) { enqueue() }
            while let item = await group.next() {
                guard let (index, result, encoded) = item else {
                    // Time is up (or the watchdog was stopped because all is done): stop the work in flight.
                    if finishedCount < assistants.count { expired = true }
                    group.cancelAll()
                    continue
                }
                var finished = result
                if expired { finished.state = .cutShort }
                results[index] = finished
                finishedCount += 1
                await onResult(finished, encoded)
                enqueue()
                // All done before the deadline: stop the watchdog so the run ends now.
                if finishedCount == assistants.count && deadline != nil { group.cancelAll() }
            }
        }
        var done: [AssistantResult] = []
        for (index, result) in results.enumerated() {
            if let result {
                done.append(result)
            } else {
                let skipped = AssistantResult(
                    id: assistants[index].id, name: assistants[index].name, sources: [], claims: [], findings: [],
                    diagnostics: [Diagnostic(level: .warning, location: assistants[index].origin, message: "not reached before --max-duration")])
                var notReached = skipped
                notReached.state = .notReached
                done.append(notReached)
                await onResult(notReached, nil)
            }
        }
        let sources = done.flatMap(\.sources)
        return RunResult(
            startedAt: Timestamp.iso8601(started), finishedAt: Timestamp.iso8601(Date()),
            pagesFetched: sources.filter { $0.status != nil }.count,
            notModified: sources.filter { $0.outcome == .notModified }.count,
            errors: sources.filter { !$0.outcome.wasRead }.count, assistants: done, diagnostics: inputDiagnostics)
    }

    /// One assistant: the website first (it may name more profiles), then every profile at once.
    public func audit(_ assistant: Assistant) async -> AssistantResult {
        await auditEncoded(assistant).0
    }

    /// `audit`, with the result's claims as JSON when a state store is in use (its pages'
    /// claims are kept as JSON anyway).
    func auditEncoded(_ assistant: Assistant) async -> (AssistantResult, EncodedClaims?) {
        var gathered = Gathered(claims: SelfReportClaims.of(assistant, vocabulary: configuration.vocabulary), encoding: cache != nil)
        var discovered: [String] = []

        if let website = assistant.website {
            let home = await read(website, role: .website, discovery: .declared)
            gathered.add(home)
            let siteHost = PageKey.host(of: home.source.finalURL ?? website)
            // The rest of the site within the budget: about, services, contact, terms.
            let more = (home.extraction?.sitePages ?? []).prefix(configuration.sitePageBudget).map { ($0, Source.Discovery.discovered) }
            let subpages = await readAll(more, role: .website)
            subpages.forEach { gathered.add($0) }
            discovered = ([home] + subpages).flatMap { $0.extraction?.profileLinks ?? [] }.filter { PageKey.host(of: $0) != siteHost }
        }

        var seen = Set(gathered.sources.map { PageKey.of($0.url) })
        var targets: [(String, Source.Discovery)] = []
        for (url, how) in assistant.profiles.map({ ($0, Source.Discovery.declared) }) + discovered.map({ ($0, .discovered) })
        where seen.insert(PageKey.of(url)).inserted {
            targets.append((url, how))
        }
        if targets.count > configuration.maxProfilesPerAssistant {
            gathered.diagnostics.append(
                Diagnostic(
                    level: .note, location: assistant.origin,
                    message: "\(targets.count) profiles; only the first \(configuration.maxProfilesPerAssistant) were read"))
            targets = Array(targets.prefix(configuration.maxProfilesPerAssistant))
        }
        await readAll(targets, role: .profile).forEach { gathered.add($0) }
        for path in assistant.evidence { gathered.addEvidence(path, vocabulary: configuration.vocabulary) }

        let subject = AuditSubject(
            assistantID: assistant.id, website: assistant.website, sources: gathered.sources, claims: gathered.claims)
        let findings = engine.evaluate(subject)
        let name = assistant.name ?? gathered.claims.first { $0.kind == .name && $0.origin == .website }?.value.text
        let result = AssistantResult(
            id: assistant.id, name: name, sources: gathered.sources, claims: gathered.claims, findings: findings,
            diagnostics: gathered.diagnostics, links: Reciprocity.links(of: subject))
        return (result, gathered.encoded)
    }

    /// What an assistant's pages and files yielded so far.
    struct Gathered {
        var sources: [Source] = []
        var claims: [Claim]
        var diagnostics: [Diagnostic] = []
        /// `claims` as JSON, while every part came with its bytes; nil once one did not.
        var encoded: EncodedClaims?

        init(claims: [Claim], encoding: Bool) {
            self.claims = claims
            if encoding {
                encoded = EncodedClaims()
                encode(claims)
            }
        }

        private mutating func encode(_ more: [Claim]) {
            guard !more.isEmpty else { return }
            if let array = EncodedClaims.encode(more) { encoded?.append(array) } else { encoded = nil }
        }

        mutating func add(_ page: PageRead) {
            sources.append(page.source)
            if let extraction = page.extraction, !extraction.claims.isEmpty {
                claims += extraction.claims
                if let array = page.claimsJSON { encoded?.append(array) } else { encoded = nil }
            }
            diagnostics += page.extraction?.diagnostics ?? []
        }

        /// A LinkedIn export the VA supplied: a source of its own kind.
        mutating func addEvidence(_ path: String, vocabulary: SkillVocabulary) {
            let name = "evidence:" + (path as NSString).lastPathComponent
            do {
                let reading = try LinkedInExport(vocabulary: vocabulary).read(path: path, timeout: 10)
                sources.append(Source(url: name, role: .evidence, status: nil, outcome: .ok, error: nil, discovery: .declared))
                claims += reading.claims
                encode(reading.claims)
                diagnostics += reading.diagnostics
            } catch {
                sources.append(
                    Source(url: name, role: .evidence, status: nil, outcome: .unreadable, error: error.message, discovery: .declared))
                diagnostics.append(Diagnostic(level: .error, location: path, message: error.message))
            }
        }
    }

    /// Reads pages at once (politeness per host is the fetcher's), in the given order.
    private func readAll(_ targets: [(String, Source.Discovery)], role: SourceRole) async -> [PageRead] {
        await withTaskGroup(of: (Int, PageRead).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask { (index, await self.read(target.0, role: role, discovery: target.1)) }
            }
            var pages = [PageRead?](repeating: nil, count: targets.count)
            for await (index, page) in group { pages[index] = page }
            return pages.compactMap { $0 }
        }
    }

    /// Content types read as pages; a missing Content-Type is read too (it is common).
    static let readableTypes = ["text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml"]

    struct PageRead: Sendable {
        var source: Source
        var extraction: PageExtraction?
        /// The extraction's claims as JSON, when a state store is in use.
        var claimsJSON: Data?
    }

    private func read(_ url: String, role: SourceRole, discovery: Source.Discovery) async -> PageRead {
        let cached = cache?.cached(url)
        let response = await fetcher.fetch(url, validators: cached?.validators)
        logger.debug("fetched", metadata: ["url": "\(url)", "outcome": "\(response.outcome.rawValue)"])
        var error = response.error
        var outcome = response.outcome
        if response.truncated {
            error = "truncated at \(configuration.fetch.maxBodyBytes) bytes"
        }
        // A refusal is never read as the page: a login wall says nothing about the VA.
        if outcome == .ok || outcome == .blocked,
            let reason = configuration.hosts.blockReason(
                url: url, finalURL: response.finalURL, status: response.status, body: response.body)
        {
            outcome = .blocked
            error = reason
        }
        let source = Source(
            url: url, role: role, status: response.status, outcome: outcome, error: error,
            finalURL: response.finalURL == url ? nil : response.finalURL, discovery: discovery)
        // Unchanged since the last run: its claims are the ones remembered, not parsed again.
        if outcome == .notModified, let cached {
            return PageRead(source: source, extraction: cached.extraction, claimsJSON: cached.claimsJSON)
        }
        guard outcome == .ok else { return PageRead(source: source, extraction: nil) }
        // An image or a file is not read as HTML, whatever its body holds.
        if let type = response.contentType?.lowercased(), !Self.readableTypes.contains(where: type.hasPrefix) {
            var unread = source
            unread.error = "served as '\(type)', not read as a page"
            return PageRead(source: unread, extraction: nil)
        }
        let origin: ClaimOrigin = role == .website ? .website : .profile
        let extraction = extractor.extract(
            body: response.body, contentType: response.contentType, url: response.finalURL, origin: origin)
        guard let cache else { return PageRead(source: source, extraction: extraction) }
        let claimsJSON = EncodedClaims.encode(extraction.claims)
        cache.remember(url, response: response, extraction: extraction, claimsJSON: claimsJSON)
        return PageRead(source: source, extraction: extraction, claimsJSON: claimsJSON)
    }
}

/// Timestamps as reports show them: ISO 8601 in UTC with seconds.
public enum Timestamp {
    public static func now() -> String { iso8601(Date()) }

    static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
