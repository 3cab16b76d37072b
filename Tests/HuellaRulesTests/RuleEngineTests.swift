import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaRules

@Suite("rule engine")
struct RuleEngineTests {
    let rules: [Rule]

    init() throws {
        rules = try RuleLoader().load(directories: [FixturePaths.rules])
    }

    func claim(_ kind: ClaimKind, _ value: ClaimValue, _ origin: ClaimOrigin, _ url: String) -> Claim {
        Claim(kind: kind, value: value, origin: origin, url: url, excerpt: value.text, locator: "/x")
    }

    func source(_ url: String, _ role: SourceRole, _ outcome: FetchOutcome = .ok, status: Int? = 200) -> Source {
        Source(url: url, role: role, status: status, outcome: outcome, error: nil, discovery: .declared)
    }

    /// The findings of the identity and experience rules (the others have their own examples).
    func findings(_ claims: [Claim], sources: [Source] = [], language: MessageLanguage = .en) -> [Finding] {
        let chosen = rules.filter {
            ["experience-years-mismatch", "name-mismatch", "website-insecure", "profile-unreachable", "profile-unverifiable"]
                .contains($0.id)
        }
        return RuleEngine(rules: chosen, language: language, currentYear: 2026).evaluate(
            AuditSubject(assistantID: "va-01", website: nil, sources: sources, claims: claims))
    }

    @Test("message placeholders are filled once, left alone when unknown, never filled inside values")
    func placeholders() {
        let values = ["claimed": "8 {found}", "found": "5", "source": "the website a.example"]
        #expect(RuleEngine.fill("{claimed} vs {found} on {source}", with: values) == "8 {found} vs 5 on the website a.example")
        #expect(RuleEngine.fill("{unknown} and {found}", with: values) == "{unknown} and 5")
        #expect(RuleEngine.fill("open { brace {found", with: values) == "open { brace {found")
        #expect(RuleEngine.fill("", with: values) == "")
        #expect(RuleEngine.fill("{found}{found}", with: values) == "55")
    }

    @Test("a date scoped to the VA business is told from one about the career, in English and Spanish, whatever the case and accents")
    func businessScope() {
        for scoped in ["Desde 2019 trabajo por mi cuenta", "AUTÓNOMA desde 2018", "Since 2020 I run My Own Business", "asistente virtual desde 2017"] {
            #expect(RuleEngine.isBusinessScope(scoped), "\(scoped)")
        }
        for career in ["Since 2015 in accounting", "Desde 2012 en contabilidad", "", "2019"] {
            #expect(!RuleEngine.isBusinessScope(career), "\(career)")
        }
    }

    @Test("years beyond the tolerance disagree; within it they do not")
    func years() {
        let site = "https://va.test/"
        let profile = "https://www.linkedin.com/in/va"
        let off = findings([
            claim(.experienceYears, .number(8), .selfReport, "roster"),
            claim(.experienceYears, .number(12), .profile, profile),
        ])
        #expect(off.map(\.category) == ["experience.years-mismatch"])
        #expect(off.first?.message == "the self-report claims 8 years of experience; the profile linkedin.com/in/va says 12")
        #expect(off.first?.evidence.map(\.url) == ["roster", profile])
        let close = findings([
            claim(.experienceYears, .number(8), .website, site), claim(.experienceYears, .number(9), .profile, profile),
        ])
        #expect(close.isEmpty)
    }

    @Test("messages come in Spanish with --lang es")
    func spanish() {
        let result = findings(
            [
                claim(.experienceYears, .number(3), .website, "https://va.test/"),
                claim(.experienceYears, .number(10), .profile, "https://github.com/va"),
            ], language: .es)
        #expect(result.first?.message == "el sitio web va.test declara 3 años de experiencia; el perfil github.com/va indica 10")
    }

    @Test(
        "names: accents, case, a second surname, a middle name and initials are not a mismatch",
        arguments: [
            ("María José Pérez Gil", "maria jose perez"), ("María José Pérez Gil", "María Pérez"),
            ("Sarah Thompson", "Sarah J. Thompson"), ("James O'Connor", "JAMES OCONNOR"),
            ("Lucía Fernández Ortega", "Lic. Lucía Fernández"), ("Ana de la Torre", "Ana Torre"),
        ])
    func compatibleNames(a: String, b: String) {
        let result = findings([claim(.name, .text(a), .selfReport, "roster"), claim(.name, .text(b), .profile, "https://x.test/a")])
        #expect(result.isEmpty)
    }

    @Test(
        "names: another given name or surname is a mismatch",
        arguments: [
            ("Lucía Fernández Ortega", "Laura Fernández Ortega"), ("Sarah Thompson", "Sarah Johnson"),
            ("María Pérez", "José Pérez"),
        ])
    func mismatchedNames(a: String, b: String) {
        let result = findings([claim(.name, .text(a), .selfReport, "roster"), claim(.name, .text(b), .profile, "https://x.test/a")])
        #expect(result.map(\.category) == ["identity.name-mismatch"])
    }

    @Test("plain-http websites and unreachable profiles; blocked profiles are only notes")
    func sources() {
        let result = findings(
            [],
            sources: [
                source("http://va.test/", .website), source("https://github.com/gone", .profile, .notFound, status: 404),
                source("https://www.linkedin.com/in/va", .profile, .blocked, status: 999),
            ])
        #expect(
            result.map(\.category).sorted() == [
                "identity.profile-unreachable", "identity.profile-unverifiable", "site.insecure",
            ])
        #expect(result.first { $0.category == "identity.profile-unverifiable" }?.severity == .note)
    }

    @Test("fingerprints are stable: they ignore the values and the page text, not the sources")
    func fingerprints() {
        let profile = "https://www.linkedin.com/in/va"
        let a = findings([claim(.experienceYears, .number(8), .selfReport, "roster"), claim(.experienceYears, .number(12), .profile, profile)])
        var changed = claim(.experienceYears, .number(14), .profile, profile + "/?trk=x")
        changed.excerpt = "Now 14 years of experience"
        let b = findings([claim(.experienceYears, .number(8), .selfReport, "roster"), changed])
        #expect(a.first?.fingerprint == b.first?.fingerprint)
        let c = findings([claim(.experienceYears, .number(8), .selfReport, "roster"), claim(.experienceYears, .number(12), .profile, "https://github.com/va")])
        #expect(a.first?.fingerprint != c.first?.fingerprint)
        #expect(a.first?.fingerprint.count == 32)
    }

    @Test("a finding that rests on missing evidence becomes a note naming what was not read")
    func coverage() throws {
        let rule = try #require(rules.first { $0.id == "skill-unsupported" })
        let claims = [claim(.skill, .text("xero"), .selfReport, "roster")]
        let read = RuleEngine(rules: [rule]).evaluate(
            AuditSubject(assistantID: "va", website: "https://va.test/", sources: [source("https://va.test/", .website)], claims: claims))
        #expect(read.map(\.severity) == [.note])
        #expect(read.first?.message == "the self-reported skill 'xero' appears in no public source")
        var rule2 = rule
        rule2.severity = .warning
        let partial = RuleEngine(rules: [rule2]).evaluate(
            AuditSubject(
                assistantID: "va", website: "https://va.test/",
                sources: [source("https://va.test/", .website), source("https://www.linkedin.com/in/va", .profile, .blocked, status: 999)],
                claims: claims))
        #expect(partial.map(\.severity) == [.note])
        #expect(partial.first?.message.hasSuffix("(not read: linkedin.com/in/va (blocked))") == true)
        let full = RuleEngine(rules: [rule2]).evaluate(
            AuditSubject(assistantID: "va", website: "https://va.test/", sources: [source("https://va.test/", .website)], claims: claims))
        #expect(full.map(\.severity) == [.warning])
    }

    @Test("disabled rules never fire")
    func disabled() {
        var rules = self.rules
        for i in rules.indices { rules[i].enabled = false }
        let result = RuleEngine(rules: rules).evaluate(
            AuditSubject(assistantID: "x", website: "http://va.test/", sources: [source("http://va.test/", .website)], claims: []))
        #expect(result.isEmpty)
    }
}
