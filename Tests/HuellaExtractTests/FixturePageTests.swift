import Foundation
import HuellaCore
import HuellaTestSupport
import Testing
import Yams

@testable import HuellaExtract

/// Every page of `Fixtures/tests/extract/pages` against its expectation file (see the README there).
@Suite("extraction on realistic pages")
struct FixturePageTests {
    static let directory = FixturePaths.path("Fixtures/tests/extract/pages")
    static let pages: [String] = (try? FileManager.default.contentsOfDirectory(atPath: directory))?
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
    static let vocabulary = (try? SkillVocabulary.load(path: FixturePaths.path("data/skills.yaml"))) ?? .empty
    static let hosts = (try? ProfileHosts.load(directory: FixturePaths.path("data/profile-hosts"))) ?? .empty

    struct Expectations: Decodable {
        var url: String
        var contentType: String?
        var role: String?
        var expect: [Expected]?
        var absent: [Expected]?
    }

    /// One expected (or forbidden) claim: a kind and any fields to compare.
    struct Expected: Decodable, CustomStringConvertible {
        var fields: [String: String]

        init(from decoder: any Decoder) throws {
            let raw = try decoder.singleValueContainer().decode([String: YAMLScalar].self)
            fields = raw.mapValues(\.text)
        }

        var kind: String { fields["kind"] ?? "" }
        var description: String { fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") }
    }

    /// A YAML scalar of any type, as text.
    struct YAMLScalar: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { text = String(i) } else if c.decodeNil() { text = "" } else {
                text = try c.decode(String.self)
            }
        }
    }

    @Test("the fixture set is there", .enabled(if: !pages.isEmpty))
    func fixturesPresent() {
        #expect(Self.pages.count >= 10)
        #expect(Self.vocabulary.skills.count >= 150)
    }

    @Test("extracts what the page states and nothing it does not", arguments: pages)
    func page(name: String) throws {
        let expectations = try YAMLDecoder().decode(
            Expectations.self, from: String(contentsOfFile: "\(Self.directory)/\(name).yaml", encoding: .utf8))
        let body = try Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(name).html"))
        let origin: ClaimOrigin = expectations.role == "profile" ? .profile : .website
        let extraction = PageExtractor(vocabulary: Self.vocabulary, hosts: Self.hosts).extract(
            body: body, contentType: expectations.contentType, url: expectations.url, origin: origin)
        for expected in expectations.expect ?? [] {
            #expect(
                extraction.claims.contains { Self.matches($0, expected) }, "\(name): missing \(expected)\n\(Self.listing(extraction, expected.kind))")
        }
        for forbidden in expectations.absent ?? [] {
            let hits = extraction.claims.filter { Self.matches($0, forbidden) }
            #expect(hits.isEmpty, "\(name): must not extract \(forbidden), got \(hits.map(\.excerpt))")
        }
    }

    @Test("a stage clock (the benchmark's breakdown) charges every stage of a website's extraction and changes none of its results")
    func stageClock() throws {
        let extractor = PageExtractor(vocabulary: Self.vocabulary, hosts: Self.hosts)
        let clock = StageClock()
        for name in ["wordpress-elementor-es", "wix-en", "squarespace-en"] {
            let body = try Data(contentsOf: URL(fileURLWithPath: "\(Self.directory)/\(name).html"))
            let url = "https://\(name).example/"
            let plain = extractor.extract(body: body, contentType: nil, url: url, origin: .website)
            let timed = extractor.extract(body: body, contentType: nil, url: url, origin: .website, clock: clock)
            #expect(timed == plain, "\(name)")
            #expect(!plain.claims.isEmpty, "\(name)")
        }
        let stages = clock.stages.map(\.name)
        #expect(stages.first == "encoding, attribute bound, parse")
        #expect(stages.last == "site pages")
        #expect(stages.contains("skills") && stages.contains("visible text") && stages.count >= 12, "\(stages)")
        #expect(Set(stages).count == stages.count, "a stage charged under one name only: \(stages)")
        #expect(clock.stages.allSatisfy { $0.nanoseconds > 0 }, "\(clock.stages)")
        #expect(clock.nanoseconds == clock.stages.reduce(0) { $0 + $1.nanoseconds })
    }

    static func listing(_ extraction: PageExtraction, _ kind: String) -> String {
        extraction.claims.filter { $0.kind.rawValue == kind }.map { "  got \($0.value.text)" }.joined(separator: "\n")
    }

    static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespaces)
    }

    /// `2019` matches any month of 2019; `2019-01` only January.
    static func sameDate(_ date: YearMonth?, _ want: String) -> Bool {
        guard let date, let expected = YearMonth(want) else { return false }
        return expected.month == nil ? date.year == expected.year : date == expected
    }

    static func same(_ a: String?, _ b: String) -> Bool { a.map { fold($0) == fold(b) } ?? false }
    static func contains(_ a: String?, _ b: String) -> Bool { a.map { fold($0).contains(fold(b)) } ?? false }

    /// Whether an extracted claim satisfies every field given in an expectation.
    static func matches(_ claim: Claim, _ expected: Expected) -> Bool {
        guard claim.kind.rawValue == expected.kind else { return false }
        for (key, want) in expected.fields where key != "kind" {
            let ok: Bool
            switch (key, claim.value) {
            case ("value", .number(let n)): ok = String(n) == want
            case ("value", .text(let t)) where claim.kind == .sameAs || claim.kind == .relMe:
                ok = PageKey.of(t) == PageKey.of(want)
            case ("value", .text(let t)) where claim.kind == .phone:
                ok = t.filter(\.isNumber).hasSuffix(want.filter(\.isNumber).suffix(8))
            case ("value", .text(let t)): ok = same(t, want) || (claim.kind == .superlative && contains(t, want))
            case ("title", .position(let p)): ok = same(p.title, want)
            case ("organization", .position(let p)): ok = same(p.organization, want)
            case ("start", .position(let p)): ok = sameDate(p.start, want)
            case ("end", .position(let p)): ok = want == "present" ? p.current : sameDate(p.end, want)
            case ("level", .degree(let d)): ok = d.level?.rawValue == want
            case ("field", .degree(let d)): ok = same(d.field, want)
            case ("name", .degree(let d)): ok = same(d.name, want)
            case ("institution", .degree(let d)): ok = contains(d.institution, want) || contains(want, d.institution ?? "\u{0}")
            case ("status", .degree(let d)): ok = d.status.rawValue == want
            case ("year", .degree(let d)): ok = d.year.map(String.init) == want
            case ("name", .credential(let c)): ok = same(c.name, want)
            case ("issuer", .credential(let c)): ok = same(c.issuer, want)
            case ("language", .language(let l)): ok = l.code == want
            case ("level", .language(let l)): ok = l.level?.rawValue == want
            default: ok = false
            }
            if !ok { return false }
        }
        return true
    }
}
