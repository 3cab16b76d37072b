import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaExtract

/// The profile-host data files: each one's example URLs, and its refusal signals.
@Suite("profile hosts as data")
struct ProfileHostTests {
    static let hosts = (try? ProfileHosts.load(directory: FixturePaths.path("data/profile-hosts"))) ?? .empty

    @Test("every host file loads and its examples classify as it says", arguments: hosts.hosts.map(\.id))
    func examples(id: String) throws {
        let host = try #require(Self.hosts.hosts.first { $0.id == id })
        for url in host.examples?.profiles ?? [] {
            #expect(Self.hosts.profileHost(for: url)?.id == id, "\(url) should be a \(id) profile")
        }
        for url in host.examples?.others ?? [] {
            #expect(Self.hosts.profileHost(for: url)?.id != id, "\(url) should not be a \(id) profile")
        }
    }

    @Test("the shipped hosts cover the platforms VAs use")
    func coverage() {
        let ids = Set(Self.hosts.hosts.map(\.id))
        #expect(ids.isSuperset(of: ["linkedin", "upwork", "fiverr", "github", "gravatar", "aboutme", "behance", "mastodon", "credly"]))
    }

    @Test(
        "refusals are recognised by known signals, not guessed",
        arguments: [
            ("https://www.linkedin.com/in/x", "https://www.linkedin.com/in/x", 999, "", true),
            ("https://www.linkedin.com/in/x", "https://www.linkedin.com/authwall?trk=1", 200, "<html></html>", true),
            ("https://www.upwork.com/freelancers/~01", "https://www.upwork.com/freelancers/~01", 200, "<div id=\"px-captcha\"></div>", true),
            ("https://va.example/", "https://va.example/", 200, "<title>Just a moment...</title>", true),
            ("https://va.example/", "https://va.example/", 200, "<form><div class=\"g-recaptcha\"></div></form>", false),
            ("https://github.com/x", "https://github.com/x", 200, "<h1>Jane</h1>", false),
        ])
    func refusals(url: String, final: String, status: Int, body: String, blocked: Bool) {
        let reason = Self.hosts.blockReason(url: url, finalURL: final, status: status, body: Data(body.utf8))
        #expect((reason != nil) == blocked, "\(reason ?? "nil")")
    }

    @Test("a profile path's literal prefix is read only where every match starts with it")
    func literalPrefixes() throws {
        #expect(ProfileHosts.literalPrefix("^/in/[^/]+/?$") == "/in/")
        #expect(ProfileHosts.literalPrefix("^/@[A-Za-z0-9_]{1,30}/?$") == "/@")
        #expect(ProfileHosts.literalPrefix("^/in/?x") == "/in")
        #expect(ProfileHosts.literalPrefix("^/ab+c") == "/a")
        #expect(ProfileHosts.literalPrefix("^/a{2}") == "/")
        #expect(ProfileHosts.literalPrefix("^/a|^/b") == "")
        #expect(ProfileHosts.literalPrefix("^(?i)/in/") == "")
        #expect(ProfileHosts.literalPrefix("/in/") == "")
        #expect(ProfileHosts.literalPrefix("^\\/in") == "")
        // Every shipped pattern against generated paths: no path it matches lacks the prefix.
        var generator = SeededGenerator(seed: 17)
        let pieces = ["/", "in", "@", "users", "badges", "freelancers", "~", "ana", "0", "-", "_", ".", "x", "IN", "/in/", "/@"]
        let paths = (0..<4000).map { _ in (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined() }
        var matched = 0
        for host in Self.hosts.hosts {
            guard let pattern = host.profilePath else { continue }
            let regex = try NSRegularExpression(pattern: pattern)
            let prefix = ProfileHosts.literalPrefix(pattern)
            for path in paths + (host.examples?.profiles ?? []).compactMap({ URLParts($0)?.path }) where regex.firstMatch(in: path) != nil {
                #expect(path.utf8.starts(with: prefix.utf8), "\(pattern) matched \(path)")
                matched += 1
            }
        }
        #expect(matched > 100, "paths matched: \(matched)")
    }

    @Test("a user adds a host by adding a file")
    func userHost() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "workana.yaml",
            """
            id: workana
            name: Workana
            hosts: [workana.com, www.workana.com]
            profilePath: '^/freelancer/[a-z0-9-]+/?$'
            claims:
              name: ["//h1[@class='name']"]
            blocked: {statuses: [403], markers: []}
            """)
        let hosts = try ProfileHosts.load(directory: dir.path)
        #expect(hosts.profileHost(for: "https://www.workana.com/freelancer/ana-ruiz")?.id == "workana")
        let page = PageExtractor(hosts: hosts).extract(
            body: Data("<html><body><h1 class='name'>Ana Ruiz</h1></body></html>".utf8), contentType: "text/html",
            url: "https://www.workana.com/freelancer/ana-ruiz", origin: .profile)
        #expect(page.claims.contains { $0.kind == .name && $0.value == .text("Ana Ruiz") })
        try dir.write("broken.yaml", "id: [\n")
        #expect(throws: ProfileHostError.self) { try ProfileHosts.load(directory: dir.path) }
    }

    @Test("a host's parts about other people are not read for text claims; an XPath that does not compile is refused")
    func aboutOthers() throws {
        let dir = try TemporaryDirectory()
        let file = """
            id: workana
            name: Workana
            hosts: [workana.com]
            profilePath: '^/freelancer/[a-z0-9-]+/?$'
            claims: {}
            aboutOthers: ["//aside[@class='similar']"]
            blocked: {statuses: [403], markers: []}
            """
        try dir.write("workana.yaml", file)
        let hosts = try ProfileHosts.load(directory: dir.path)
        let vocabulary = try SkillVocabulary.load(path: FixturePaths.path("data/skills.yaml"))
        let body = Data(
            """
            <html><body><main><h1>Ana Ruiz</h1><p>Asistente virtual: gestión de agenda y atención al cliente.</p></main>
            <aside class="similar"><h2>Freelancers similares</h2><p>Luis P. · Contador público · Nóminas y contabilidad</p>
            <p>Marta G. · 15 años de experiencia</p></aside></body></html>
            """.utf8)
        func claims(_ hosts: ProfileHosts) -> [Claim] {
            PageExtractor(vocabulary: vocabulary, hosts: hosts).extract(
                body: body, contentType: "text/html; charset=utf-8", url: "https://workana.com/freelancer/ana-ruiz", origin: .profile
            ).claims
        }
        let skills = claims(hosts).filter { $0.kind == .skill }.map(\.value.text)
        #expect(skills.contains("calendar-management"))
        #expect(!skills.contains("payroll") && !skills.contains("bookkeeping"), "\(skills)")
        #expect(!claims(hosts).contains { $0.kind == .experienceYears })
        // Without the entry, the same page's aside counts (what the test above rules out happens).
        let unknown = claims(.empty)
        #expect(unknown.contains { $0.kind == .skill && $0.value.text == "payroll" })
        #expect(unknown.contains { $0.kind == .experienceYears })

        // The text on either side of a skipped part is not glued into one word.
        let document = try #require(
            HTMLDocument(
                data: Data("<html><body><main><span>Nóminas</span><em class='similar'>Luis P.</em><span>Contabilidad</span></main></body></html>".utf8),
                url: "https://workana.com/freelancer/ana-ruiz", encoding: "UTF-8"))
        let skipped = Set(document.select("//em[@class='similar']"))
        #expect(skipped.count == 1)
        #expect(document.visibleTextBlocks(skipping: skipped).map(\.text) == ["Nóminas", "Contabilidad"])

        try dir.write("workana.yaml", file.replacingOccurrences(of: "//aside[@class='similar']", with: "//aside[@class="))
        #expect(throws: ProfileHostError.self) { try ProfileHosts.load(directory: dir.path) }

        // id() reads a table of IDs huella's parse does not keep: refused, not left to find nothing.
        try dir.write("workana.yaml", file.replacingOccurrences(of: "//aside[@class='similar']", with: "id('similar')//p"))
        #expect(throws: ProfileHostError.self) { try ProfileHosts.load(directory: dir.path) }
        #expect(try #require(HTMLDocument(data: Data("<p id='a'>x</p>".utf8), url: "https://a.test/", encoding: "UTF-8")).select("id('a')").isEmpty)
        for expression in ["id('a')", "//div[ id ('a') ]", "(id(\"a\"))/p", "//*[id('x')]"] {
            #expect(ProfileHosts.callsID(xpath: expression), "\(expression)")
        }
        for expression in ["//*[@id='a']", "//id", "//*[contains(@class,'id(')]", "//grid(", "//*[valid()]", "//h1[@data-id='x']"] {
            #expect(!ProfileHosts.callsID(xpath: expression), "\(expression)")
        }
    }
}
