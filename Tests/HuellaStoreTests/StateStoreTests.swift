import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaTestSupport
import Testing

@testable import HuellaStore

@Suite("state store")
struct StateStoreTests {
    func store() throws -> (StateStore, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        return (try StateStore(path: dir.path + "/nested/state.sqlite"), dir)
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

    @Test("runs: findings per assistant, the previous finished run, pruning")
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
        store.prune(keep: 1)
        #expect(store.runs().map(\.id) == [third])
        #expect(store.findings(runID: first).isEmpty)
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
