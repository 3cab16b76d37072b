import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaKit
import HuellaRules
import HuellaTestSupport
import Testing

@testable import GRDB
@testable import HuellaStore

@Suite("state store")
struct StateStoreTests {
    func store() throws -> (StateStore, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        return (try StateStore(path: dir.path + "/nested/state.sqlite"), dir)
    }

    /// The sample roster, its sites served on loopback (and `extraRoots` over them), the
    /// shipped vocabulary, hosts and rules: what the audits below run on. Stop its server.
    struct SampleAudit {
        let server: FixtureServer
        let fetcher: PoliteFetcher
        let configuration: AuditConfiguration
        let assistants: [Assistant]
        let rules: [Rule]

        init(extraRoots: [String] = []) throws {
            server = try FixtureServer(roots: [FixturePaths.sampleSites] + extraRoots)
            let curl = try CurlFetcher(
                options: FetchOptions(connectTo: server.connectTo, caFile: server.caFile, allowPrivateNetwork: true))
            fetcher = PoliteFetcher(inner: curl, politeness: Politeness(delayPerHost: 0))
            configuration = AuditConfiguration(
                vocabulary: try SkillVocabulary.load(path: FixturePaths.path("data/skills.yaml")),
                hosts: try ProfileHosts.load(directory: FixturePaths.path("data/profile-hosts")))
            (assistants, _) = try RosterReader.read(at: FixturePaths.path("Fixtures/sample/roster.json"), displayPath: "roster.json")
            rules = try RuleLoader().load(directories: [FixturePaths.rules])
        }

        /// An auditor of the sample; `rules`, `vocabulary` and `year` as given, else the shipped ones and 2026.
        func auditor(
            rules: [Rule]? = nil, vocabulary: SkillVocabulary? = nil, year: Int = 2026, cache: (any PageCache)?
        ) -> Auditor {
            var configuration = configuration
            if let vocabulary { configuration.vocabulary = vocabulary }
            return Auditor(fetcher: fetcher, rules: rules ?? self.rules, configuration: configuration, currentYear: year, cache: cache)
        }
    }

    @Test("pages with validators are remembered with what they yielded; pages without are not")
    func pages() throws {
        let (store, dir) = try store()
        defer { withExtendedLifetime(dir) {} }
        // Every shape of value, and text that looks like a number (read back as text, not 8).
        let values: [ClaimValue] = [
            .text("Ana Ruiz"), .text("8"), .number(8), .degree(Degree(level: .bachelor, name: "Licenciatura", field: "Derecho", institution: nil, status: .completed, year: 2015)),
            .credential(Credential(name: "QuickBooks Online ProAdvisor", issuer: "Intuit")), .language(LanguageSkill(code: "en", level: .c1)),
            .position(Position(title: "VA", organization: "Acme", start: YearMonth(year: 2019, month: 1), end: nil, current: true)),
        ]
        let claims = values.map { Claim(kind: .name, value: $0, origin: .website, url: "https://va.test/", excerpt: "Ana Ruiz", locator: "/h1") }
        let extraction = PageExtraction(claims: claims, profileLinks: ["https://github.com/ana"], diagnostics: [], language: "es")
        var response = FetchResponse(
            url: "https://va.test/", finalURL: "https://va.test/", status: 200, outcome: .ok, error: nil, contentType: "text/html",
            body: Data(), truncated: false)
        store.savePage("https://va.test/", response: response, extraction: extraction)
        #expect(store.page("https://va.test/") == nil)
        response.headers = ["etag": "\"abc\"", "last-modified": "Mon, 30 Nov 2026 02:00:00 GMT"]
        store.savePage("https://va.test/", response: response, extraction: extraction)
        let cached = try #require(store.page("https://va.test/"))
        #expect(cached.validators == Validators(etag: "\"abc\"", lastModified: "Mon, 30 Nov 2026 02:00:00 GMT"))
        #expect(cached.extraction == extraction)
        #expect(cached.claimsJSON == nil)

        // Claims kept apart as JSON (schema v2) read back the same, with their bytes.
        let claimsJSON = try #require(EncodedClaims.encode(claims))
        store.savePage("https://va.test/", response: response, extraction: extraction, claimsJSON: claimsJSON)
        let apart = try #require(store.page("https://va.test/"))
        #expect(apart.extraction == extraction)
        #expect(apart.claimsJSON == claimsJSON)
    }

    @Test("a store written by schema v1 is migrated and its pages still read")
    func migration() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/state.sqlite"
        let claim = Claim(kind: .email, value: .text("ana@va.test"), origin: .website, url: "https://va.test/", excerpt: "ana@va.test", locator: "/p")
        let extraction = PageExtraction(claims: [claim], profileLinks: [], diagnostics: [], language: nil)
        do {
            let queue = try DatabaseQueue(path: path)
            try StateStore.migrator.migrate(queue, upTo: "v1")
            try queue.write { db in
                try db.execute(
                    sql: "INSERT INTO page (url, etag, status, extraction, fetchedAt) VALUES (?, ?, 200, ?, 0)",
                    arguments: ["https://va.test/", "\"v1\"", try JSONEncoder().encode(extraction)])
            }
        }
        let store = try StateStore(path: path)
        let cached = try #require(store.page("https://va.test/"))
        #expect(cached.extraction == extraction)
        #expect(cached.claimsJSON == nil)
        #expect(cached.validators.etag == "\"v1\"")
    }

    @Test("a result's JSON spliced from its pages' claims is the bytes of encoding it whole, on a first run and on a run answered 304")
    func encodedClaims() async throws {
        let (store, dir) = try store()
        defer { withExtendedLifetime(dir) {} }
        let sample = try SampleAudit()
        defer { sample.server.stop() }
        let assistants = sample.assistants
        let auditor = sample.auditor(cache: store)
        for pass in ["first", "nightly"] {
            let seen = Locked<[AssistantResult]>([])
            let run = await auditor.run(assistants) { result in seen.withLock { $0.append(result) } }
            #expect(pass == "first" ? run.notModified == 0 : run.notModified > 0, "\(pass)")
            #expect(seen.withLock { $0.count } == assistants.count)
            for result in seen.withLock({ $0 }) {
                let claims = try #require(result.encodedClaims, "\(pass): \(result.id) came without its claims encoded")
                #expect(claims.arrays.count > 1)
                #expect(try result.compactJSON() == (try HuellaJSON.encoder(pretty: false).encode(result)), "\(pass): \(result.id)")
                // Claims set afterwards (redaction) drop the bytes: the JSON holds the new claims, never the old.
                var changed = result
                changed.claims = Array(result.claims.prefix(1))
                #expect(changed.encodedClaims == nil)
                #expect(try changed.compactJSON() == (try HuellaJSON.encoder(pretty: false).encode(changed)))
                #expect(try changed.compactJSON().count < (try result.compactJSON().count))
            }
        }
    }

    /// The store, counting how often a verdict was asked for and found.
    final class CountingCache: PageCache {
        let store: StateStore
        let asked = Locked(0)
        let found = Locked(0)
        init(_ store: StateStore) { self.store = store }
        func cached(_ url: String) -> CachedPage? { store.cached(url) }
        func remember(_ url: String, response: FetchResponse, extraction: PageExtraction, claimsJSON: Data?) {
            store.remember(url, response: response, extraction: extraction, claimsJSON: claimsJSON)
        }
        func verdict(for assistantID: String, key: String) -> Data? {
            let verdict = store.verdict(for: assistantID, key: key)
            asked.withLock { $0 += 1 }
            if verdict != nil { found.withLock { $0 += 1 } }
            return verdict
        }
        func rememberVerdict(_ verdict: Data, for assistantID: String, key: String) {
            store.rememberVerdict(verdict, for: assistantID, key: key)
        }
        /// (asked, found) since the last call.
        func take() -> (Int, Int) {
            func reset(_ count: Locked<Int>) -> Int { count.withLock { value in defer { value = 0 }; return value } }
            return (reset(asked), reset(found))
        }
    }

    @Test("pages another extractor read (another build, vocabulary or host list) are read again in full, not answered 304 with stale claims")
    func staleExtractions() async throws {
        let (store, dir) = try store()
        defer { withExtendedLifetime(dir) {} }
        let sample = try SampleAudit()
        defer { sample.server.stop() }
        let vocabulary = sample.configuration.vocabulary
        func run(_ vocabulary: SkillVocabulary) async -> RunResult {
            await sample.auditor(vocabulary: vocabulary, cache: store).run(sample.assistants)
        }
        func skills(_ run: RunResult) -> Set<String> {
            Set(run.assistants.flatMap(\.claims).filter { $0.kind == .skill && $0.origin != .selfReport }.map(\.value.text))
        }
        let first = await run(.empty)
        #expect(first.notModified == 0)
        #expect(!skills(first).contains("quickbooks-online"), "no vocabulary, no skill ids: \(skills(first))")
        // The vocabulary changed: no page is answered 304 with the claims the empty one gave.
        let second = await run(vocabulary)
        #expect(second.notModified == 0)
        #expect(skills(second).contains("quickbooks-online"))
        // Unchanged since: now the pages are answered 304, their claims the second run's.
        let third = await run(vocabulary)
        #expect(third.notModified > 0)
        #expect(skills(third) == skills(second))
    }

    @Test("an unchanged assistant's verdict is reused (equal to evaluating again); a changed page, rule set, year or damaged claims evaluate again")
    func verdicts() async throws {
        let (store, dir) = try store()
        defer { withExtendedLifetime(dir) {} }
        let overlay = try TemporaryDirectory()
        let sample = try SampleAudit(extraRoots: [overlay.path])
        defer { sample.server.stop() }
        let (assistants, rules) = (sample.assistants, sample.rules)
        let cache = CountingCache(store)
        func auditor(_ rules: [Rule], year: Int = 2026) -> Auditor { sample.auditor(rules: rules, year: year, cache: cache) }
        /// What the rules concluded, and the claims they read, per assistant.
        func verdicts(_ run: RunResult) -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: run.assistants.map { a in
                (a.id, [a.name ?? "-", "\(a.findings)", "\(a.links)", "\(a.claims)", "\(a.diagnostics)"])
            })
        }

        let first = await auditor(rules).run(assistants)
        #expect(cache.take() == (assistants.count, 0), "nothing to reuse on a first run")
        #expect(!first.assistants.flatMap(\.findings).isEmpty)

        // Nothing changed: every page answers 304 and every verdict is reused, equal to the first.
        let second = await auditor(rules).run(assistants)
        #expect(second.notModified > 0)
        #expect(cache.take() == (assistants.count, assistants.count))
        #expect(second.assistants.allSatisfy { $0.encodedClaims != nil }, "a reused verdict leaves the claims as JSON")
        #expect(verdicts(second) == verdicts(first))
        for result in second.assistants {
            #expect(try result.compactJSON() == (try HuellaJSON.encoder(pretty: false).encode(result)), "\(result.id)")
        }

        // Another year, or one rule less: evaluated again, equal to an audit without a store.
        let plain = sample.auditor(year: 2031, cache: nil)
        let later = await auditor(rules, year: 2031).run(assistants)
        #expect(cache.take() == (assistants.count, 0))
        #expect(verdicts(later) == verdicts(await plain.run(assistants)))
        let fewer = Array(rules.filter { $0.id != "experience-years-mismatch" })
        #expect(fewer.count == rules.count - 1)
        let lessRules = await auditor(fewer, year: 2031).run(assistants)
        #expect(cache.take() == (assistants.count, 0))
        #expect(!lessRules.assistants.flatMap(\.findings).contains { $0.rule == "experience-years-mismatch" })

        // One page changed (James's site now claims 15 years): only James is evaluated again.
        _ = await auditor(rules).run(assistants)
        _ = cache.take()
        let james = try String(contentsOfFile: FixturePaths.sampleSites + "/jamesoconnor-va.ie/index.html", encoding: .utf8)
        #expect(james.contains("7 years of experience"))
        try FileManager.default.createDirectory(atPath: overlay.path + "/jamesoconnor-va.ie", withIntermediateDirectories: true)
        try james.replacingOccurrences(of: "7 years of experience", with: "15 years of experience")
            .write(toFile: overlay.path + "/jamesoconnor-va.ie/index.html", atomically: true, encoding: .utf8)
        let changed = await auditor(rules).run(assistants)
        #expect(cache.take() == (assistants.count, assistants.count - 1))
        let jamesNow = try #require(changed.assistants.first { $0.id == "va-04" })
        #expect(jamesNow.findings.contains { $0.rule == "experience-years-mismatch" })
        #expect(verdicts(changed).filter { $0.key != "va-04" } == verdicts(first).filter { $0.key != "va-04" })

        // A damaged store: a page's claims no longer decode. The page is read again in full.
        let damaged = try #require(second.assistants.first { $0.id == "va-02" }?.sources.first { $0.role == .website }?.url)
        try await store.database.write { db in try db.execute(sql: "UPDATE page SET claims = ? WHERE url = ?", arguments: [Data("[{\"kind\":".utf8), damaged]) }
        let repaired = await auditor(rules).run(assistants)
        #expect(cache.take() == (assistants.count, assistants.count - 1))
        #expect(repaired.assistants.first { $0.id == "va-02" }?.sources.first { $0.url == damaged }?.outcome == .ok)
        #expect(verdicts(repaired)["va-02"] == verdicts(first)["va-02"])
        #expect(store.page(damaged) != nil, "the page's row is written again")
    }

    @Test("robots verdicts are kept for a day, never a transient 'disallow all'")
    func robots() throws {
        let (store, dir) = try store()
        defer { withExtendedLifetime(dir) {} }
        store.saveRobots("https://va.test", body: "User-agent: *\nDisallow: /private/", allowAll: false)
        store.saveRobots("https://b.test", body: nil, allowAll: true)
        #expect(store.robots("https://va.test")?.allows(path: "/private/x") == false)
        #expect(store.robots("https://b.test")?.allows(path: "/anything") == true)
        #expect(store.robots("https://va.test", maxAge: -1) == nil)
        #expect(store.robots("https://unknown.test") == nil)
    }

    @Test("runs: findings per assistant, the previous finished run, pruning (verdicts of assistants no kept run audited go too)")
    func runs() throws {
        let (store, dir) = try store()
        defer { withExtendedLifetime(dir) {} }
        let finding = Finding(
            rule: "name-mismatch", category: "identity.name-mismatch", severity: .warning, message: "m", ethicsClause: "FOUND-ETH-MISREP",
            fingerprint: String(repeating: "a", count: 32), evidence: [])
        let result = AssistantResult(id: "va-01", name: nil, sources: [], claims: [], findings: [finding], diagnostics: [])
        let first = try store.beginRun(inputKey: "roster:/r.json", startedAt: "2026-11-29T02:00:00Z")
        store.saveAssistant(runID: first, result)
        store.finishRun(first, state: "complete", finishedAt: "2026-11-29T02:01:00Z")
        let killed = try store.beginRun(inputKey: "roster:/r.json", startedAt: "2026-11-30T02:00:00Z")
        let third = try store.beginRun(inputKey: "roster:/r.json", startedAt: "2026-11-30T03:00:00Z")
        #expect(store.previousRun(inputKey: "roster:/r.json", before: third) == first, "a run that never finished is no baseline")
        #expect(store.previousRun(inputKey: "urls:/other.txt", before: third) == nil)
        #expect(store.findings(runID: first).map(\.fingerprint) == [finding.fingerprint])
        #expect(store.assistantIDs(runID: first) == ["va-01"])
        #expect(store.runs().map(\.id) == [third, killed, first])
        store.saveVerdict(assistantID: "va-01", key: "k1", verdict: Data("{}".utf8))
        store.saveVerdict(assistantID: "va-02", key: "k2", verdict: Data("{}".utf8))
        store.saveAssistant(runID: third, AssistantResult(id: "va-02", name: nil, sources: [], claims: [], findings: [], diagnostics: []))
        #expect(store.verdict(assistantID: "va-01", key: "k1") != nil && store.verdict(assistantID: "va-01", key: "k2") == nil)
        #expect(store.prune(keep: 1) == 2)
        #expect(store.runs().map(\.id) == [third])
        #expect(store.findings(runID: first).isEmpty)
        #expect(store.verdict(assistantID: "va-01", key: "k1") == nil, "only the pruned run audited va-01")
        #expect(store.verdict(assistantID: "va-02", key: "k2") != nil)
    }

    @Test("the lock is exclusive and released with its holder")
    func lock() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path + "/state.sqlite"
        var first: RunLock? = try RunLock(storePath: path)
        #expect(throws: StoreError.self) { try RunLock(storePath: path) }
        _ = first
        first = nil
        #expect(throws: Never.self) { _ = try RunLock(storePath: path) }
    }

    @Test("the store file is private to its owner")
    func permissions() throws {
        let (store, dir) = try store()
        defer { withExtendedLifetime(dir) {} }
        let mode = try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }
}
