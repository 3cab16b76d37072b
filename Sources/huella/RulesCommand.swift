import ArgumentParser
import Foundation
import HuellaKit
import HuellaRules

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, explain and validate rules.",
        subcommands: [List.self, Explain.self, Validate.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rules in force.")
        @Option(help: ArgumentHelp("Extra rule directories.", valueName: "DIR")) var rules: [String] = []

        func run() throws {
            for rule in try RulesCommand.load(rules) {
                let state = rule.isEnabled ? "" : "  (disabled)"
                print(
                    rule.id.padding(toLength: 32, withPad: " ", startingAt: 0),
                    rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0),
                    rule.category + state)
            }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain one rule.")
        @Argument(help: "The rule id.") var id: String
        @Option(help: ArgumentHelp("Extra rule directories.", valueName: "DIR")) var rules: [String] = []

        func run() throws {
            guard let rule = try RulesCommand.load(rules).first(where: { $0.id == id }) else {
                throw ValidationError("no rule with id '\(id)'; see 'huella rules list'")
            }
            print("\(rule.id)  [\(rule.severity.rawValue)]  \(rule.category)")
            print("ethics clause: \(rule.ethics)")
            print("check: \(rule.check.primitive.rawValue)")
            if let rationale = rule.rationale { print("\n\(rationale)") }
            print("\nmessage (en): \(rule.message.en)\nmessage (es): \(rule.message.es)")
            let engine = RuleEngine(rules: [rule])
            for (label, examples) in [("fires on", rule.examples?.triggers ?? []), ("stays quiet on", rule.examples?.passes ?? [])] {
                guard !examples.isEmpty else { continue }
                print("\n\(label):")
                for example in examples {
                    let claims = (example.claims ?? []).map { "\($0.origin.rawValue) \($0.kind.rawValue)" }.joined(separator: ", ")
                    print("  - \(example.note ?? claims)")
                    for finding in engine.findings(of: rule, on: example.subject()) { print("      → \(finding.message)") }
                }
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a rule directory and report every problem.")
        @Argument(help: "The directory to check.") var directory: String

        func run() throws {
            let (rules, problems) = RuleLoader().loadDirectory(directory)
            for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
            if !problems.isEmpty { throw ExitCode(ExitStatus.usage) }
            print("\(rules.count) rules valid in \(directory)")
        }
    }

    static func load(_ extra: [String]) throws -> [Rule] {
        do {
            return try RulePack.load(builtIn: RulePack.builtInDirectory(), extra: extra)
        } catch {
            FileHandle.standardError.write(Data("huella: error: invalid rules:\n\(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }
    }
}
