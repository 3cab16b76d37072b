import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaRules

/// Every shipped rule against its own examples: it fires on each trigger and stays quiet on each pass.
@Suite("rule examples")
struct RuleExamplesTests {
    static let rules: [Rule] = (try? RuleLoader().load(directories: [FixturePaths.rules])) ?? []

    @Test("each rule fires on its triggers and not on its passes", arguments: rules.map(\.id))
    func examples(id: String) throws {
        let rule = try #require(Self.rules.first { $0.id == id })
        let engine = RuleEngine(rules: [rule], currentYear: 2026)
        for example in rule.examples?.triggers ?? [] {
            let found = engine.findings(of: rule, on: example.subject())
            #expect(!found.isEmpty, "\(id) should fire: \(example.note ?? "")")
            #expect(found.allSatisfy { $0.category == rule.category && !$0.message.contains("{") }, "\(found.map(\.message))")
            for language in MessageLanguage.allCases {
                let worded = RuleEngine(rules: [rule], language: language, currentYear: 2026).findings(of: rule, on: example.subject())
                #expect(worded.allSatisfy { !$0.message.contains("{") && !$0.message.isEmpty })
            }
        }
        for example in rule.examples?.passes ?? [] {
            let found = engine.findings(of: rule, on: example.subject())
            #expect(found.isEmpty, "\(id) should not fire: \(example.note ?? "") → \(found.map(\.message))")
        }
    }
}
