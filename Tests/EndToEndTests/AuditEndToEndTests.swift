import Foundation
import HuellaTestSupport
import Testing

/// The built binary against the bundled sample, served by the loopback fixture server.
@Suite("huella audit, end to end")
struct AuditEndToEndTests {
    let server: FixtureServer

    init() throws {
        server = try FixtureServer(roots: [FixturePaths.sampleSites])
    }

    var network: [String] {
        server.connectTo.flatMap { ["--connect-to", $0] } + ["--cacert", server.caFile, "--allow-private-network", "--delay", "0"]
    }

    typealias Report = DecodedReport

    /// The categories of an assistant's findings at warning or above (notes are hygiene leads).
    func categories(_ report: Report, _ id: String) -> [String] {
        Array(Set(report.assistants.first { $0.id == id }?.findings.filter { $0.severity != "note" }.map(\.category) ?? [])).sorted()
    }

    @Test("audits the sample roster: planted inconsistencies found, the honest VA clean")
    func roster() throws {
        let run = try HuellaRun.run(["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--format", "json"] + network)
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        #expect(report.schemaVersion == "1.0")
        #expect(report.assistants.map(\.id) == ["va-01", "va-02", "va-03", "va-04"])
        #expect(categories(report, "va-01") == ["experience.years-mismatch"])
        #expect(categories(report, "va-02") == ["experience.years-mismatch", "site.insecure"])
        #expect(categories(report, "va-03") == ["identity.name-mismatch", "identity.profile-unreachable"])
        #expect(categories(report, "va-04") == [])
        #expect(report.summary.findings["warning"] == 6)
        #expect(report.summary.findings["error"] == 0)
        let years = try #require(report.assistants[0].findings.first { $0.rule == "experience-years-mismatch" })
        #expect(years.message.contains("8") && years.message.contains("12"))
        #expect(years.evidence.last?.excerpt.contains("12 años de experiencia") == true)
        #expect(years.baseline == "new")
        #expect(years.ethicsClause == "FOUND-ETH-MISREP")
        let gone = try #require(report.assistants[2].sources.first { $0.url == "https://github.com/luciafdz" })
        #expect(gone.outcome == "not-found" && gone.status == 404)
        #expect(run.stderr.contains("--allow-private-network"))
        // Every page of the sample was fetched over the loopback server, the http site over http.
        let requests = server.requests().filter { $0.path != "/robots.txt" }
        #expect(requests.count == 16)  // 4 home pages, their about and legal pages, 6 profiles
        // robots.txt is asked once per host (6 hosts), however many pages come from it.
        #expect(server.requests().filter { $0.path == "/robots.txt" }.count == 6)
        #expect(requests.filter { $0.scheme == "http" }.map(\.host) == ["sarahthompsonva.com"])
        // The run kept its history in its own state directory, which the tests remove.
        #expect(!run.stateHome.isEmpty && !FileManager.default.fileExists(atPath: run.stateHome))
    }

    @Test("audits a URL list, discovering profiles from the websites")
    func urlList() throws {
        let run = try HuellaRun.run(["audit", FixturePaths.path("Fixtures/sample/urls.txt"), "--format", "json"] + network)
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        #expect(report.assistants.count == 4)
        let first = report.assistants[0]
        #expect(first.id == "asistente-mjperez.com")
        #expect(first.name == "María José Pérez Gil")
        #expect(Set(first.sources.filter { $0.role == "profile" }.map(\.url)) == [
            "https://www.linkedin.com/in/mjperezgil", "https://github.com/mjperez",
        ])
        #expect(categories(report, "asistente-mjperez.com") == ["experience.years-mismatch"])
    }

    @Test("--fail-on warning exits 1; the text format and --lang es work")
    func failOnAndSpanish() throws {
        let run = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--format", "text", "--lang", "es",
             "--fail-on", "warning"] + network)
        #expect(run.status == 1)
        #expect(run.stdoutText.contains("la autodeclaración declara 8 años de experiencia"))
        #expect(run.stdoutText.contains("4 assistants"))
    }

    @Test("without --allow-private-network the SSRF guard refuses loopback and nothing reaches the server")
    func guardOn() throws {
        let run = try HuellaRun.run(
            ["audit", FixturePaths.path("Fixtures/sample/urls.txt"), "--format", "json", "--cacert", server.caFile]
                + server.connectTo.flatMap { ["--connect-to", $0] })
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        #expect(report.assistants.flatMap(\.sources).allSatisfy { $0.outcome == "ssrf-refused" })
        #expect(server.requests().isEmpty)
    }

    @Test("writes the report atomically to --output with mode 0600; stdout stays empty")
    func outputFile() throws {
        let dir = try TemporaryDirectory()
        let target = (dir.path as NSString).appendingPathComponent("report.json")
        let run = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--output", target] + network)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: target)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: target)))
        #expect(report.assistants.count == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.json"])
    }

    @Test("bad roster entries are named and skipped; the good ones are audited")
    func badEntries() throws {
        let dir = try TemporaryDirectory()
        let roster = try dir.write(
            "roster.json",
            """
            {"assistants": [
              {"id": "ok", "name": "James O'Connor", "website": "https://jamesoconnor-va.ie/", "claims": {"experienceYears": 7}},
              {"name": "no id"},
              {"id": "ftp", "website": "ftp://jamesoconnor-va.ie/"},
              {"id": "ok", "website": "https://jamesoconnor-va.ie/"},
              {"id": "years", "claims": {"experienceYears": "ten"}}
            ]}
            """)
        let run = try HuellaRun.run(["audit", "--roster", roster, "--format", "json"] + network)
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        #expect(report.assistants.map(\.id) == ["ok", "ftp"])
        #expect(run.stderr.contains("assistants[1]: missing key 'id'; entry skipped"))
        #expect(run.stderr.contains("assistants[2] (id 'ftp'): website: 'ftp://jamesoconnor-va.ie/' is not an http(s) URL"))
        #expect(run.stderr.contains("assistants[3] (id 'ok'): duplicate id 'ok'; entry skipped"))
        #expect(run.stderr.contains("assistants[4]: wrong type at 'claims.experienceYears'; entry skipped"))
    }

    @Test("huella.yaml supplies the inputs and settings; overrides change severities and disable rules")
    func configFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "huella.yaml",
            """
            # nightly audit of the sample
            roster: \(FixturePaths.path("Fixtures/sample/roster.json"))
            format: json
            failOn: warning
            lang: es
            network:
              delay: 0
              cacert: \(server.caFile)
            overrides:
              website-insecure: {severity: error}
              experience-years-mismatch: {enabled: false}
            """)
        let run = try HuellaRun.run(
            ["audit", "--allow-private-network"] + server.connectTo.flatMap { ["--connect-to", $0] }, in: dir.path)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        let all = report.assistants.flatMap(\.findings)
        #expect(!all.contains { $0.rule == "experience-years-mismatch" })
        #expect(all.first { $0.rule == "website-insecure" }?.severity == "error")
        #expect(all.contains { $0.message.contains("se sirve por http sin cifrar") })
    }

    @Test("a configuration file with an unknown key is refused with a hint")
    func badConfig() throws {
        let dir = try TemporaryDirectory()
        let path = try dir.write("huella.yaml", "roster: r.json\nfailon: warning\nnetwork:\n  dealy: 2\n")
        let run = try HuellaRun.run(["audit", "--config", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("huella.yaml:2: unknown key 'failon' (did you mean 'failOn'?)"))
        #expect(run.stderr.contains("huella.yaml:4: unknown key 'network.dealy' (did you mean 'network.delay'?)"))
    }

    @Test("YAML and CSV rosters: bad rows are named by line and skipped, the good ones audited", arguments: ["agency.yaml", "agency.csv"])
    func otherRosterFormats(file: String) throws {
        let run = try HuellaRun.run(
            ["audit", "--roster", FixturePaths.path("Fixtures/tests/rosters/\(file)"), "--format", "json"] + network)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: run.stdout)
        #expect(report.assistants.map(\.id).contains("va-01") && report.assistants.map(\.id).contains("va-04"))
        #expect(categories(report, "va-01") == ["experience.years-mismatch"])
        if file.hasSuffix(".yaml") {
            #expect(run.stderr.contains("agency.yaml:13: assistants[1]: wrong type at 'claims.experienceYears'; entry skipped"))
            #expect(run.stderr.contains("agency.yaml:23: assistants[3]: missing key 'id'; entry skipped"))
            #expect(report.assistants.count == 2)
        } else {
            #expect(run.stderr.contains("agency.csv:3: experienceYears 'nueve' is not a whole number of years; entry skipped"))
            #expect(run.stderr.contains("agency.csv:5 (id 'va-05'): website: 'ftp://ana-ruiz.example/' is not an http(s) URL"))
            #expect(run.stderr.contains("agency.csv:6: missing id; entry skipped"))
            #expect(report.assistants.map(\.id) == ["va-01", "va-04", "va-05"])
        }
    }

    @Test("--shard K/N splits the input by host; the JSON Lines of all shards are the whole run")
    func shards() throws {
        var ids: [String] = []
        for k in 1...3 {
            let run = try HuellaRun.run(
                ["audit", "--roster", FixturePaths.path("Fixtures/sample/roster.json"), "--format", "jsonl", "--shard", "\(k)/3"] + network)
            #expect(run.status == 0)
            for line in run.stdoutText.split(separator: "\n") {
                struct Line: Decodable {
                    struct A: Decodable { var id: String }
                    var assistant: A
                }
                ids.append(try JSONDecoder().decode(Line.self, from: Data(line.utf8)).assistant.id)
            }
        }
        #expect(ids.sorted() == ["va-01", "va-02", "va-03", "va-04"])
    }

    @Test("usage errors exit 2 with a message on stderr", arguments: [
        ["audit"], ["audit", "--format", "pdf", "x.txt"], ["audit", "/nonexistent/urls.txt"],
        ["audit", "--roster", "/nonexistent/roster.json"], ["audit", "x.txt", "--connect-to", "bad"],
    ])
    func usage(arguments: [String]) throws {
        let run = try HuellaRun.run(arguments)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.isEmpty)
    }
}
