import Foundation
import HuellaTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nightly runs over a state store: conditional requests, baselines, the lock, deadlines, kills.
@Suite("nightly runs, end to end")
struct NightlyEndToEndTests {
    typealias Report = DecodedReport

    /// A private copy of the sample sites that a test may change.
    func sites() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try FileManager.default.removeItem(atPath: dir.path)
        try FileManager.default.copyItem(atPath: FixturePaths.sampleSites, toPath: dir.path)
        return dir
    }

    func audit(_ server: FixtureServer, state: String, _ extra: [String] = []) throws -> HuellaRun {
        try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--format", "json", "--delay", "0",
             "--state", state, "--cacert", server.caFile, "--allow-private-network"]
                + server.connectTo.flatMap { ["--connect-to", $0] } + extra)
    }

    func replace(_ file: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(old), "fixture changed: \(old) not in \(file)")
        try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test("a second run asks only if changed, reuses stored claims, and marks findings new, unchanged or resolved")
    func twoRuns() throws {
        let copy = try sites()
        let server = try FixtureServer(roots: [copy.path])
        let state = try TemporaryDirectory()
        let store = state.path + "/state.sqlite"

        let first = try JSONDecoder().decode(Report.self, from: audit(server, state: store).stdout)
        #expect(first.run.id == 1 && first.run.baseline == nil)
        #expect(first.assistants.flatMap(\.findings).allSatisfy { $0.baseline == "new" })
        #expect(!server.requests().contains { $0.headers["if-none-match"] != nil })

        // LinkedIn now agrees with the roster (resolves va-01's mismatch); James's site now claims 15 years (a new one).
        try replace(copy.path + "/www.linkedin.com/in/mjperezgil.html", "12 años de experiencia", "8 años de experiencia")
        try replace(copy.path + "/jamesoconnor-va.ie/index.html", "7 years of experience", "15 years of experience")
        let before = server.requests().count

        let second = try JSONDecoder().decode(Report.self, from: audit(server, state: store).stdout)
        #expect(second.run.id == 2 && second.run.baseline == 1)
        let pages = server.requests().dropFirst(before).filter { $0.path != "/robots.txt" }
        let conditional = pages.filter { $0.headers["if-none-match"] != nil }
        // Every page read in run 1 is asked for conditionally; only the 404 (GitHub's luciafdz) has no validators.
        #expect(conditional.count == pages.count - 1)
        #expect(pages.filter { $0.headers["if-none-match"] == nil }.map(\.path) == ["/luciafdz"])
        #expect(second.run.notModified == conditional.count - 2, "all but the two changed pages answered 304")
        #expect(!server.requests().dropFirst(before).contains { $0.path == "/robots.txt" }, "robots.txt verdicts come from the store")

        let james = try #require(second.assistants.first { $0.id == "va-04" })
        #expect(james.findings.contains { $0.rule == "experience-years-mismatch" && $0.baseline == "new" })
        let sarah = try #require(second.assistants.first { $0.id == "va-02" })
        #expect(!sarah.findings.isEmpty && sarah.findings.allSatisfy { $0.baseline == "unchanged" })
        #expect(second.resolved?.contains { $0.assistantID == "va-01" && $0.rule == "experience-years-mismatch" } == true)
        #expect(!(second.assistants.first { $0.id == "va-01" }?.findings.contains { $0.rule == "experience-years-mismatch" } ?? true))

        let history = try HuellaRun.run(["history", "--state", store])
        #expect(history.status == 0 && history.stdoutText.contains("complete"))
        let diff = try HuellaRun.run(["diff", "1", "2", "--state", store])
        #expect(diff.stdoutText.contains("+ va-04") && diff.stdoutText.contains("- va-01"))
        #expect(diff.stdoutText.contains("1 new, 1 resolved"))
        // The store holds personal data: owner only.
        let mode = try FileManager.default.attributesOfItem(atPath: store)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
    }

    /// A copy of the sample where one site answers slowly, to catch a run in the middle.
    func slowSites(delay: Int) throws -> TemporaryDirectory {
        let copy = try sites()
        let routes = copy.path + "/jamesoconnor-va.ie/_routes.json"
        try #"{"/": {"delay": \#(delay), "file": "index.html"}}"#.write(toFile: routes, atomically: true, encoding: .utf8)
        return copy
    }

    @Test("--max-duration ends the run on time with a valid, partial report")
    func deadline() throws {
        let copy = try slowSites(delay: 20)
        let server = try FixtureServer(roots: [copy.path])
        let state = try TemporaryDirectory()
        let start = Date()
        let run = try audit(server, state: state.path + "/s.sqlite", ["--max-duration", "2s", "--concurrency", "1"])
        #expect(Date().timeIntervalSince(start) < 12)
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        #expect(report.run.complete == false)
        #expect(report.assistants.count == 4)
        #expect(report.assistants.first { $0.id == "va-04" }?.state != "complete")
    }

    @Test("--state with a bare file name keeps the store in the current folder")
    func bareStatePath() throws {
        let server = try FixtureServer(roots: [FixturePaths.sampleSites])
        let folder = try TemporaryDirectory()
        let run = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--format", "json", "--delay", "0",
             "--state", "nightly.sqlite", "--cacert", server.caFile, "--allow-private-network"]
                + server.connectTo.flatMap { ["--connect-to", $0] }, in: folder.path)
        #expect(run.status <= 1, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/nightly.sqlite"))
        let history = try HuellaRun.run(["history", "--state", "nightly.sqlite"], in: folder.path)
        #expect(history.status == 0, "\(history.stderr)")
    }

    @Test("a second run on the same store exits at once with its own status while the first holds the lock")
    func lock() throws {
        let copy = try slowSites(delay: 6)
        let server = try FixtureServer(roots: [copy.path])
        let state = try TemporaryDirectory()
        let store = state.path + "/s.sqlite"
        let first = try HuellaProcessHandle.start(
            ["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--delay", "0", "--state", store,
             "--cacert", server.caFile, "--allow-private-network", "--output", state.path + "/first.json"]
                + server.connectTo.flatMap { ["--connect-to", $0] })
        Thread.sleep(forTimeInterval: 1.5)
        let start = Date()
        let second = try audit(server, state: store)
        #expect(second.status == 4)
        #expect(second.stderr.contains("another huella run is using this state store"))
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(first.wait() <= 1)
    }

    @Test("a run killed half-way leaves no truncated report, and the next run uses the store as it is")
    func killed() throws {
        let copy = try slowSites(delay: 30)
        let server = try FixtureServer(roots: [copy.path])
        let state = try TemporaryDirectory()
        let store = state.path + "/s.sqlite"
        let report = state.path + "/nightly.json"
        let victim = try HuellaProcessHandle.start(
            ["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--delay", "0", "--state", store,
             "--cacert", server.caFile, "--allow-private-network", "--output", report]
                + server.connectTo.flatMap { ["--connect-to", $0] })
        Thread.sleep(forTimeInterval: 2)
        victim.kill()
        #expect(!FileManager.default.fileExists(atPath: report), "no report appears from a killed run")
        // The next run: James answers at once again; the store opens without repair.
        try FileManager.default.removeItem(atPath: copy.path + "/jamesoconnor-va.ie/_routes.json")
        let next = try audit(server, state: store, ["--output", report])
        #expect(next.status == 0, "\(next.stderr)")
        let decoded = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: report)))
        #expect(decoded.run.complete && decoded.run.id == 2)
        #expect(decoded.run.baseline == nil, "a killed run is no baseline")
        let history = try HuellaRun.run(["history", "--state", store])
        #expect(history.stdoutText.contains("running") && history.stdoutText.contains("complete"))
    }
}
