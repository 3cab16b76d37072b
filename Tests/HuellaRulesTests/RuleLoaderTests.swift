import HuellaTestSupport
import Testing

@testable import HuellaRules

@Suite("rule loading")
struct RuleLoaderTests {
    @Test("the built-in pack loads, every rule valid and enabled")
    func builtInPack() throws {
        let rules = try RuleLoader().load(directories: [FixturePaths.rules])
        let ids = Set(rules.map(\.id))
        #expect(ids.isSuperset(of: ["experience-years-mismatch", "name-mismatch", "website-insecure", "profile-unreachable"]))
        // Every category of SPEC's core vocabulary has at least one rule.
        let categories = Set(rules.map(\.category))
        for category in [
            "identity.name-mismatch", "identity.profile-not-linked", "identity.profile-unreachable", "experience.years-mismatch",
            "experience.timeline-impossible", "education.mismatch", "education.unsupported", "skill.unsupported",
            "credential.mismatch", "credential.unsupported", "language.unsupported", "advertising.superlative",
            "business.no-website", "business.no-contact", "terms.no-contract", "terms.no-confidentiality",
            "terms.no-privacy-policy", "site.stale", "site.insecure",
        ] {
            #expect(categories.contains(category), "no rule for \(category)")
        }
        #expect(rules.allSatisfy { !($0.examples?.triggers.isEmpty ?? true) && !($0.examples?.passes.isEmpty ?? true) })
        #expect(rules.allSatisfy { $0.isEnabled })
        #expect(rules.allSatisfy { !$0.message.en.isEmpty && !$0.message.es.isEmpty && !$0.ethics.isEmpty })
    }

    @Test("reports every problem of a directory at once, with file, line and a hint")
    func problems() {
        let (rules, problems) = RuleLoader().loadDirectory(FixturePaths.path("Fixtures/tests/rules/invalid"))
        let text = problems.map(\.description)
        #expect(rules.map(\.id) == ["dup-a"])
        #expect(text.contains { $0.hasSuffix("typo-keys.yaml:3: unknown key 'severty' (did you mean 'severity'?)") })
        #expect(text.contains { $0.hasSuffix("typo-keys.yaml:11: unknown key 'check.tolerence' (did you mean 'check.tolerance'?)") })
        #expect(text.contains { $0.contains("wrong-name.yaml:1: id 'not-the-file-name' must equal the file name 'wrong-name'") })
        #expect(text.contains { $0.contains("wrong-name.yaml:2: category 'credentials.mismatch' must be PREFIX.NAME") })
        #expect(text.contains { $0.contains("wrong-name.yaml:5: message.en uses unknown placeholder '{years}'") })
        #expect(text.contains { $0.contains("dup-a.yml: duplicate rule id 'dup-a'") })
        #expect(text.contains { $0.contains("unknown-primitive.yaml:9: unknown primitive 'plain-htp' (did you mean 'plain-http'?)") })
    }

    @Test("a later directory overrides a rule of the built-in pack by id")
    func override() throws {
        let dir = try TemporaryDirectory()
        try dir.write(
            "website-insecure.yaml",
            """
            id: website-insecure
            category: site.insecure
            severity: error
            ethics: IVAA-ETH-5
            message:
              en: "plain http: {url}"
              es: "http sin cifrar: {url}"
            check:
              primitive: plain-http
              role: website
            """)
        let rules = try RuleLoader().load(directories: [FixturePaths.rules, dir.path])
        let rule = try #require(rules.first { $0.id == "website-insecure" })
        #expect(rule.severity == .error)
        #expect(rules.filter { $0.id == "website-insecure" }.count == 1)
    }

    @Test("an unreadable directory is a problem, not a crash")
    func missingDirectory() {
        let (_, problems) = RuleLoader().loadDirectory("/nonexistent/rules")
        #expect(problems.map(\.description) == ["/nonexistent/rules: cannot read rules directory"])
    }
}
