import Foundation
import HuellaTestSupport
import Testing

/// Profiles across hosts: discovery, reciprocity, blocked vs gone, and VA-supplied evidence.
@Suite("identity across profiles, end to end")
struct IdentityEndToEndTests {
    let server: FixtureServer

    init() throws {
        server = try FixtureServer(roots: [FixturePaths.path("Fixtures/tests/identity/sites")])
    }

    typealias Report = DecodedReport

    func audit(_ extra: [String] = []) throws -> (Report, HuellaRun) {
        let run = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/tests/identity/roster.json"), "--format", "json", "--delay", "0",
             "--cacert", server.caFile, "--allow-private-network"] + server.connectTo.flatMap { ["--connect-to", $0] } + extra)
        return (try JSONDecoder().decode(Report.self, from: run.stdout), run)
    }

    @Test("blocked is never absent: a 999 and a captcha page are refusals, a 410 is gone")
    func outcomes() throws {
        let (report, _) = try audit()
        let cl = try #require(report.assistants.first { $0.id == "va-cl" })
        func outcome(_ url: String) -> String? { cl.sources.first { $0.url == url }?.outcome }
        #expect(outcome("https://www.linkedin.com/in/valentina-rojas-mendez") == "blocked")
        #expect(outcome("https://www.upwork.com/freelancers/~01aa2b3c4d5e6f7a8b") == "blocked")
        #expect(outcome("https://github.com/vrojas-va") == "ok")
        #expect(outcome("https://mastodon.example/@vrojas") == "ok")
        #expect(outcome("https://about.me/valentinarojas") == "ok")
        let rules = Set(cl.findings.map(\.rule))
        #expect(rules.contains("profile-unverifiable"))
        #expect(!rules.contains("profile-unreachable"))
        #expect(!cl.findings.contains { $0.rule == "name-mismatch" }, "a nickname (Vale) is not another person")
        // Nothing read from a refusal page counts as a claim.
        #expect(!cl.claims.contains { $0.url.contains("linkedin.com") || $0.url.contains("upwork.com") })
        let pe = try #require(report.assistants.first { $0.id == "va-pe" })
        #expect(pe.sources.first { $0.url == "https://github.com/palvarezq" }?.outcome == "gone")
        #expect(pe.findings.contains { $0.rule == "profile-unreachable" })
        #expect(cl.coverage.declared == cl.sources.count && cl.coverage.read < cl.coverage.declared)
    }

    @Test("profiles are discovered from rel=me, sameAs and footer links, never from a client's testimonial")
    func discovery() throws {
        let (report, _) = try audit()
        let cl = try #require(report.assistants.first { $0.id == "va-cl" })
        let discovered = Set(cl.sources.filter { $0.discovery == "discovered" && $0.role == "profile" }.map(\.url))
        #expect(discovered.isSuperset(of: ["https://github.com/vrojas-va", "https://mastodon.example/@vrojas", "https://www.upwork.com/freelancers/~01aa2b3c4d5e6f7a8b"]))
        let requested = server.requests().map { "\($0.host)\($0.path)" }
        #expect(!requested.contains { $0.contains("cliente-satisfecho-ejemplo") })
        #expect(!requested.contains { $0.hasPrefix("www.credly.com") })
    }

    @Test("reciprocity: linked both ways, one way, or not at all")
    func reciprocity() throws {
        let (report, _) = try audit()
        let cl = try #require(report.assistants.first { $0.id == "va-cl" })
        func state(_ url: String) -> String? { cl.links.first { $0.profile == url }?.state }
        #expect(state("https://github.com/vrojas-va") == "both")
        #expect(state("https://mastodon.example/@vrojas") == "both")
        #expect(state("https://www.linkedin.com/in/valentina-rojas-mendez") == "website-to-profile")
        // The site's plain footer link to about.me is a link from the website (about.me does not link back).
        #expect(state("https://about.me/valentinarojas") == "website-to-profile")
        // Behance is declared in the roster, but neither side links to the other.
        #expect(state("https://www.behance.net/vrojasdesign") == "none")
        #expect(cl.findings.filter { $0.rule == "profile-not-linked" }.map(\.message) == [
            "neither the website https://valentina-rojas-va.com/ nor the profile behance.net/vrojasdesign links to the other"
        ])
        let pe = try #require(report.assistants.first { $0.id == "va-pe" })
        #expect(pe.links.first { $0.profile == "https://gravatar.com/palvarezq" }?.state == "website-to-profile")
    }

    @Test("a parked domain is no website")
    func parked() throws {
        let (report, _) = try audit()
        let parked = try #require(report.assistants.first { $0.id == "va-parked" })
        #expect(parked.findings.contains { $0.category == "business.no-website" })
    }

    @Test("a LinkedIn data export supplied by the VA enters the same rules as a source of its own kind")
    func evidence() throws {
        let (report, run) = try audit(["--evidence", "va-cl=" + FixturePaths.path("Fixtures/tests/evidence/linkedin-export-cl.zip")])
        #expect(run.status == 0 || run.status == 1)
        let cl = try #require(report.assistants.first { $0.id == "va-cl" })
        let source = try #require(cl.sources.first { $0.role == "evidence" })
        #expect(source.outcome == "ok" && source.url == "evidence:linkedin-export-cl.zip")
        let supplied = cl.claims.filter { $0.origin == "va-supplied" }
        #expect(Set(supplied.map(\.kind)).isSuperset(of: ["name", "position", "education", "skill", "credential", "language"]))
        // The export supports what LinkedIn would not show: no skill or language is left unsupported.
        #expect(!cl.findings.contains { $0.rule == "skill-unsupported" || $0.rule == "language-unsupported" })
    }

    @Test("an honest VA whose sources word things differently gets no warning at all")
    func honestVA() throws {
        let run = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/tests/identity/honest.json"), "--format", "json", "--delay", "0",
             "--cacert", server.caFile, "--allow-private-network", "--fail-on", "warning"] + server.connectTo.flatMap { ["--connect-to", $0] })
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        let honest = try #require(report.assistants.first)
        // Lower case and no second surname, "G Suite" for Google Workspace, "Licenciada" at "U. de Chile"
        // for a "Licenciatura" at "Universidad de Chile", "Admin" for "Administrator", "Google" for "Google Cloud".
        #expect(run.status == 0, "\(honest.findings.map { "\($0.severity) \($0.rule): \($0.message)" })")
        #expect(!honest.findings.contains { $0.rule.hasSuffix("-unsupported") || $0.rule.hasSuffix("-mismatch") })
    }

    @Test("an export that makes the ZIP reader loop forever (found by the fuzzer) is abandoned; the run goes on")
    func endlessExport() throws {
        let start = Date()
        let (report, _) = try audit(["--evidence", "va-pe=" + FixturePaths.path("Fixtures/tests/evidence/fuzz-endless-inflate.zip")])
        #expect(Date().timeIntervalSince(start) < 60)
        // Whether ZIPFoundation loops on this file depends on memory it reads past the end of its
        // buffer, so it does not always; either way the export ends read or abandoned.
        let pe = try #require(report.assistants.first { $0.id == "va-pe" })
        let source = try #require(pe.sources.first { $0.role == "evidence" })
        #expect(source.outcome == "ok" || (source.outcome == "unreadable" && source.error?.contains("abandoned") == true))
        #expect(report.assistants.count == 3)
    }

    @Test("a broken export: the bad file is skipped with a diagnostic, the rest still counts; a missing file is a usage error")
    func brokenEvidence() throws {
        let (report, _) = try audit(["--evidence", "va-pe=" + FixturePaths.path("Fixtures/tests/evidence/broken-export.zip")])
        let pe = try #require(report.assistants.first { $0.id == "va-pe" })
        #expect(pe.diagnostics.contains { $0.location.hasSuffix("Positions.csv") && $0.message.contains("malformed CSV") })
        #expect(pe.claims.contains { $0.origin == "va-supplied" })
        let missing = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/tests/identity/roster.json"), "--evidence", "va-pe=/nonexistent.zip"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read '/nonexistent.zip'"))
        let unknown = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/tests/identity/roster.json"), "--evidence", "nobody=/etc/hostname"])
        #expect(unknown.status == 2 && unknown.stderr.contains("no assistant with that id"))
    }
}
