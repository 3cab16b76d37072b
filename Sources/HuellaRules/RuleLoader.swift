import Foundation
import HuellaCore
import Yams

/// Loads rule files (`*.yaml`, one rule a file, file name = id) and checks them strictly.
public struct RuleLoader: Sendable {
    /// The category prefixes of SPEC; new categories must live under one of them.
    public static let categoryPrefixes: Set<String> = [
        "identity", "experience", "education", "skill", "credential", "language", "advertising",
        "business", "terms", "site",
    ]
    static let topLevelKeys: Set<String> = [
        "id", "category", "severity", "ethics", "message", "rationale", "check", "enabled", "examples",
    ]

    public init() {}

    /// Loads the directories in order; a rule in a later directory replaces the rule with the
    /// same id from an earlier one (that is how users override the built-in pack).
    public func load(directories: [String]) throws(RuleLoadError) -> [Rule] {
        var byID: [String: Rule] = [:]
        var order: [String] = []
        var problems: [RuleProblem] = []
        for directory in directories {
            let (rules, found) = loadDirectory(directory)
            problems += found
            for rule in rules {
                if byID[rule.id] == nil { order.append(rule.id) }
                byID[rule.id] = rule
            }
        }
        guard problems.isEmpty else { throw RuleLoadError(problems: problems) }
        return order.compactMap { byID[$0] }
    }

    /// The rules of one directory and every problem in it.
    public func loadDirectory(_ directory: String) -> ([Rule], [RuleProblem]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        } catch {
            return ([], [RuleProblem(file: directory, line: nil, message: "cannot read rules directory")])
        }
        if names.isEmpty {
            return ([], [RuleProblem(file: directory, line: nil, message: "no rule files (*.yaml) in directory")])
        }
        var rules: [Rule] = []
        var problems: [RuleProblem] = []
        var firstFile: [String: String] = [:]
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            switch loadFile(path) {
            case .success(let rule):
                if let earlier = firstFile[rule.id] {
                    problems.append(
                        RuleProblem(file: path, line: nil, message: "duplicate rule id '\(rule.id)' (also in \(earlier))"))
                } else {
                    firstFile[rule.id] = path
                    rules.append(rule)
                }
            case .failure(let error):
                problems += error.problems
            }
        }
        return (rules, problems)
    }

    /// One rule file, checked: unknown keys, categories, placeholders, id = file name.
    public func loadFile(_ path: String) -> Result<Rule, RuleLoadError> {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .failure(RuleLoadError(problems: [RuleProblem(file: path, line: nil, message: "cannot read file as UTF-8 text")]))
        }
        return parse(text, path: path)
    }

    /// One rule file's text, checked as `loadFile` checks it (`path` names it in problems).
    public func parse(_ text: String, path: String) -> Result<Rule, RuleLoadError> {
        let problem = { (line: Int?, message: String) in RuleProblem(file: path, line: line, message: message) }
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                return .failure(RuleLoadError(problems: [problem(nil, "empty rule file")]))
            }
            node = composed
        } catch {
            return .failure(RuleLoadError(problems: [problem(Self.line(of: error), "invalid YAML: \(error)")]))
        }
        var problems = KeyChecker(file: path).check(node)
        let rule: Rule
        do {
            rule = try YAMLDecoder().decode(Rule.self, from: node)
        } catch {
            // An unknown primitive is already reported, with a hint, by the key check.
            if !Self.describe(error).contains("'check.primitive'") || problems.isEmpty {
                problems.append(problem(nil, Self.describe(error)))
            }
            return .failure(RuleLoadError(problems: problems))
        }
        problems += semanticProblems(rule, path: path, node: node)
        return problems.isEmpty ? .success(rule) : .failure(RuleLoadError(problems: problems))
    }

    private func semanticProblems(_ rule: Rule, path: String, node: Node) -> [RuleProblem] {
        var problems: [RuleProblem] = []
        let line = { (key: String) in node.mapping?.first { $0.key.string == key }?.key.mark?.line }
        let expectedID = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        if rule.id != expectedID {
            problems.append(RuleProblem(file: path, line: line("id"), message: "id '\(rule.id)' must equal the file name '\(expectedID)'"))
        }
        let parts = rule.category.split(separator: ".")
        if parts.count < 2 || !Self.categoryPrefixes.contains(String(parts[0])) {
            let known = Self.categoryPrefixes.sorted().joined(separator: ", ")
            problems.append(
                RuleProblem(
                    file: path, line: line("category"),
                    message: "category '\(rule.category)' must be PREFIX.NAME with a prefix among: \(known)"))
        }
        let allowed = rule.check.primitive.placeholders
        for (language, text) in [("en", rule.message.en), ("es", rule.message.es)] {
            for placeholder in Self.placeholders(in: text) where !allowed.contains(placeholder) {
                let list = allowed.sorted().map { "{\($0)}" }.joined(separator: ", ")
                problems.append(
                    RuleProblem(
                        file: path, line: line("message"),
                        message: "message.\(language) uses unknown placeholder '{\(placeholder)}' (available: \(list))"))
            }
        }
        return problems
    }

    static func placeholders(in text: String) -> [String] {
        var found: [String] = []
        var current: String?
        for ch in text {
            if ch == "{" {
                current = ""
            } else if ch == "}", let name = current {
                found.append(name)
                current = nil
            } else if current != nil {
                current?.append(ch)
            }
        }
        return found
    }

    static func line(of error: any Error) -> Int? {
        if let yaml = error as? YamlError, case .scanner(_, _, let mark, _) = yaml { return mark.line }
        if let yaml = error as? YamlError, case .parser(_, _, let mark, _) = yaml { return mark.line }
        return nil
    }

    /// A decoding error in words: the key and what was wrong.
    public static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "missing key '\(Self.path(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at '\(Self.path(context.codingPath))'"
        case .dataCorrupted(let context):
            return "invalid value at '\(Self.path(context.codingPath))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
