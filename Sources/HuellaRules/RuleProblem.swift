/// One thing wrong with a rule file, compiler style: `rules/x.yaml:12: unknown key 'severty'`.
public struct RuleProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Every problem found while loading rules; loading reports them all at once.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public var problems: [RuleProblem]

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
