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
    /// The run-wide part of every reuse key: this build, the rules as loaded (overrides
    /// applied), the language and the year.
    let ruleInputs: String
    /// Whether a rule tells a page read now from one unchanged since (by their outcomes).
    let rulesReadOutcomes: Bool
    /// What the claims of a page depend on besides the page: this build and the vocabulary and
    /// hosts it reads. A cached page stored under another key is read again in full: its claims
    /// are an older extraction's (a nightly run after an upgrade got them from a 304).
    let extractorKey: String

    public init(
        fetcher: any Fetcher, rules: [Rule], configuration: AuditConfiguration, currentYear: Int? = nil,
        cache: (any PageCache)? = nil,
        logger: Logger = Logger(label: "huella", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.cache = cache
        self.fetcher = fetcher
        let engine = RuleEngine(rules: rules, language: configuration.language, currentYear: currentYear)
        self.engine = engine
        let rulesJSON = (try? HuellaJSON.encoder(pretty: false).encode(engine.rules)).map { String(decoding: $0, as: UTF8.self) }
        self.ruleInputs = Fingerprint.of([
            HuellaVersion.current, HuellaVersion.build, rulesJSON ?? UUID().uuidString, engine.language.rawValue, String(engine.currentYear),
        ])
        self.rulesReadOutcomes = engine.rules.contains { rule in
            guard rule.isEnabled, case .sourceOutcome(_, let outcomes) = rule.check else { return false }
            return outcomes.contains(where: \.wasRead)
        }
        self.configuration = configuration
        self.extractor = PageExtractor(vocabulary: configuration.vocabulary, hosts: configuration.hosts)
        let encoder = HuellaJSON.encoder(pretty: false)
        let data = [
            (try? encoder.encode(configuration.vocabulary.skills)) ?? Data(UUID().uuidString.utf8),
            (try? encoder.encode(configuration.hosts.hosts)) ?? Data(UUID().uuidString.utf8),
        ]
        self.extractorKey = Fingerprint.of([HuellaVersion.current, HuellaVersion.build] + data.map { String(decoding: $0, as: UTF8.self) })
        self.logger = logger
    }

    /// Audits every assistant; `onResult` is called as each one finishes (for streaming
    /// reports and the state store). With a state store, a result carries its claims as JSON
    /// too (`AssistantResult.encodedClaims`). The result lists assistants in input order. With a
    /// deadline, work still running then is cancelled and unstarted assistants are marked
    /// not reached: the run ends on time with a valid, partial result.
    public func run(
        _ assistants: [Assistant], inputDiagnostics: [Diagnostic] = [], deadline: ContinuousClock.Instant? = nil,
        onResult: @Sendable (AssistantResult) async -> Void = { _ in }
    ) async -> RunResult {
        let started = Date()
        var results = [AssistantResult?](repeating: nil, count: assistants.count)
        await withTaskGroup(of: (Int, AssistantResult)?.self) { group in
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
                    (index, await self.audit(assistant))
                }
            }
            for _ in 0..<max(1, configuration.assistantConcurrency) { enqueue() }
            while let item = await group.next() {
                guard let (index, result) = item else {
                    // Time is up (or the watchdog was stopped because all is done): stop the work in flight.
                    if finishedCount < assistants.count { expired = true }
                    group.cancelAll()
                    continue
                }
                var finished = result
                if expired { finished.state = .cutShort }
                results[index] = finished
                finishedCount += 1
                await onResult(finished)
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
                await onResult(notReached)
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
        var gathered = Gathered(
            selfReport: SelfReportClaims.of(assistant, vocabulary: configuration.vocabulary), encoding: cache != nil)
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
            gathered.note(
                Diagnostic(
                    level: .note, location: assistant.origin,
                    message: "\(targets.count) profiles; only the first \(configuration.maxProfilesPerAssistant) were read"))
            targets = Array(targets.prefix(configuration.maxProfilesPerAssistant))
        }
        await readAll(targets, role: .profile).forEach { gathered.add($0) }
        for path in assistant.evidence { gathered.addEvidence(path, vocabulary: configuration.vocabulary) }
        return await conclude(assistant, gathered)
    }

    /// The rules' verdict on what was gathered. With a state store, an assistant whose rules'
    /// inputs are the same as last time (same claims bytes, same sources as the rules see
    /// them, same rules, year and language: `reuseKey`) gets last time's findings, links and
    /// name back without its claims being decoded or the rules run; any change runs them.
    private func conclude(_ assistant: Assistant, _ gathered: Gathered) async -> AssistantResult {
        var gathered = gathered
        var key: String?
        if let cache, let encoded = gathered.encoded {
            let reuseKey = reuseKey(assistant, sources: gathered.sources, claims: encoded)
            if let stored = cache.verdict(for: assistant.id, key: reuseKey), let verdict = try? HuellaJSON.decoder().decode(Verdict.self, from: stored) {
                return AssistantResult(
                    id: assistant.id, name: verdict.name, sources: gathered.sources, claims: nil, encodedClaims: encoded,
                    findings: verdict.findings, diagnostics: gathered.diagnostics, links: verdict.links)
            }
            key = reuseKey
        }
        // Stored claims that no longer decode (a damaged store): that page is read again in full.
        var reread = false
        for index in gathered.entries.indices where !gathered.decode(index) {
            guard let source = gathered.entries[index].source else { continue }
            gathered.entries[index] = Gathered.Entry(await read(source.url, role: source.role, discovery: source.discovery, revalidate: false))
            reread = true
        }
        if reread, let encoded = gathered.encoded { key = reuseKey(assistant, sources: gathered.sources, claims: encoded) }
        let claims = gathered.claims
        let subject = AuditSubject(assistantID: assistant.id, website: assistant.website, sources: gathered.sources, claims: claims)
        let findings = engine.evaluate(subject)
        let name = assistant.name ?? claims.first { $0.kind == .name && $0.origin == .website }?.value.text
        let links = Reciprocity.links(of: subject)
        if let cache, let key, let verdict = try? HuellaJSON.encoder(pretty: false).encode(Verdict(name: name, findings: findings, links: links)) {
            cache.rememberVerdict(verdict, for: assistant.id, key: key)
        }
        guard let encoded = gathered.encoded else {
            return AssistantResult(
                id: assistant.id, name: name, sources: gathered.sources, claims: claims, findings: findings,
                diagnostics: gathered.diagnostics, links: links)
        }
        return AssistantResult(
            id: assistant.id, name: name, sources: gathered.sources, claims: claims, encodedClaims: encoded, findings: findings,
            diagnostics: gathered.diagnostics, links: links)
    }

    /// What the rules concluded on an assistant, kept for the next run.
    struct Verdict: Codable {
        var name: String?
        var findings: [Finding]
        var links: [ProfileLink]
    }

    /// Everything the rules' verdict depends on (`RuleEngine.evaluate` and `Reciprocity` are
    /// pure): the run's rules, language and year (`ruleInputs`), the assistant's id, name and
    /// website, each source as the rules see it, and every claim's bytes.
    func reuseKey(_ assistant: Assistant, sources: [Source], claims: EncodedClaims) -> String {
        var hash = FNV128()
        hash.part(ruleInputs)
        hash.part(assistant.id)
        hash.part(assistant.name.map { "name:" + $0 } ?? "")
        hash.part(assistant.website.map { "site:" + $0 } ?? "")
        for source in sources {
            hash.part(source.url)
            hash.part(source.role.rawValue)
            hash.part(source.discovery.rawValue)
            hash.part(source.finalURL ?? "")
            hash.part(source.error.map { "error:" + $0 } ?? "")
            // A page read now (200) or unchanged since (304) is the same to the rules, unless a
            // rule asks for those outcomes by name.
            if source.outcome.wasRead && !rulesReadOutcomes {
                hash.part("read")
            } else {
                hash.part(source.outcome.rawValue)
                hash.part(source.status.map(String.init) ?? "")
            }
        }
        hash.part("claims")
        for array in claims.arrays { hash.part(array) }
        return hash.hex
    }

    /// What an assistant's pages and files yielded, in order: the roster's claims, each page,
    /// notes, each evidence file.
    struct Gathered {
        struct Entry {
            var source: Source?
            /// nil while the claims are only JSON (a page that answered 304).
            var claims: [Claim]? = []
            /// The claims as JSON, when a state store is in use.
            var json: Data?
            var diagnostics: [Diagnostic] = []

            init(source: Source?, claims: [Claim]?, json: Data?, diagnostics: [Diagnostic]) {
                self.source = source
                self.claims = claims
                self.json = json
                self.diagnostics = diagnostics
            }

            init(_ page: PageRead) {
                let pending = page.claimsPending && page.claimsJSON != nil
                self.init(
                    source: page.source, claims: pending ? nil : page.extraction?.claims ?? [], json: page.claimsJSON,
                    diagnostics: page.extraction?.diagnostics ?? [])
            }

            /// Whether the entry adds claims (an empty list, decoded or as JSON, does not).
            var hasClaims: Bool {
                if let claims { return !claims.isEmpty }
                return (json?.count ?? 0) > 2
            }
        }

        var entries: [Entry] = []
        let encoding: Bool

        init(selfReport: [Claim], encoding: Bool) {
            self.encoding = encoding
            entries.append(Entry(source: nil, claims: selfReport, json: encoding ? EncodedClaims.encode(selfReport) : nil, diagnostics: []))
        }

        var sources: [Source] { entries.compactMap(\.source) }
        var diagnostics: [Diagnostic] { entries.flatMap(\.diagnostics) }
        /// Every claim; call after `decode` succeeded for each entry.
        var claims: [Claim] { entries.flatMap { $0.claims ?? [] } }

        /// The claims as JSON, while every part that has claims came with its bytes; else nil.
        var encoded: EncodedClaims? {
            guard encoding else { return nil }
            var encoded = EncodedClaims()
            for entry in entries where entry.hasClaims {
                guard let json = entry.json else { return nil }
                encoded.append(json)
            }
            return encoded
        }

        mutating func add(_ page: PageRead) { entries.append(Entry(page)) }

        mutating func note(_ diagnostic: Diagnostic) {
            entries.append(Entry(source: nil, claims: [], json: nil, diagnostics: [diagnostic]))
        }

        /// Decodes an entry's pending claims; false if its bytes do not decode.
        mutating func decode(_ index: Int) -> Bool {
            guard entries[index].claims == nil else { return true }
            guard let json = entries[index].json, let claims = EncodedClaims.decode(json) else { return false }
            entries[index].claims = claims
            return true
        }

        /// A LinkedIn export the VA supplied: a source of its own kind.
        mutating func addEvidence(_ path: String, vocabulary: SkillVocabulary) {
            let name = "evidence:" + (path as NSString).lastPathComponent
            do {
                let reading = try LinkedInExport(vocabulary: vocabulary).read(path: path, timeout: 10)
                entries.append(
                    Entry(
                        source: Source(url: name, role: .evidence, status: nil, outcome: .ok, error: nil, discovery: .declared),
                        claims: reading.claims, json: encoding ? EncodedClaims.encode(reading.claims) : nil,
                        diagnostics: reading.diagnostics))
            } catch {
                entries.append(
                    Entry(
                        source: Source(url: name, role: .evidence, status: nil, outcome: .unreadable, error: error.message, discovery: .declared),
                        claims: [], json: nil, diagnostics: [Diagnostic(level: .error, location: path, message: error.message)]))
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
        /// The claims are `claimsJSON` only, not decoded (`extraction.claims` is empty).
        var claimsPending = false
    }

    /// `revalidate: false` reads the page in full whatever the cache holds.
    private func read(_ url: String, role: SourceRole, discovery: Source.Discovery, revalidate: Bool = true) async -> PageRead {
        // A page another build (or other data) extracted is asked for in full: its claims are stale.
        let cached = revalidate ? cache?.cached(url).flatMap { $0.extraction.extractor == extractorKey ? $0 : nil } : nil
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
            return PageRead(
                source: source, extraction: cached.extraction, claimsJSON: cached.claimsJSON, claimsPending: cached.claimsJSON != nil)
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
        var remembered = extraction
        remembered.extractor = extractorKey
        cache.remember(url, response: response, extraction: remembered, claimsJSON: claimsJSON)
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
