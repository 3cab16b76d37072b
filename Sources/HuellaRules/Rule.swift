import HuellaCore

/// A rule as written in a YAML file of `rules/`: what it checks and how it reports.
public struct Rule: Sendable, Hashable, Codable {
    /// Kebab-case id, equal to the file name without `.yaml`.
    public var id: String
    /// A category of SPEC's vocabulary, or a new one under the same prefixes.
    public var category: String
    public var severity: Severity
    /// The ethics clause the rule serves (see `rules/README.md`).
    public var ethics: String
    public var message: LocalizedText
    /// Why the rule exists, for `huella rules explain`.
    public var rationale: String?
    public var check: Check
    /// A disabled rule is loaded and listed but never evaluated.
    public var enabled: Bool?
    /// Subjects on which the rule must fire and must not; run by the test suite and shown
    /// by `huella rules explain`.
    public var examples: RuleExamples?

    public var isEnabled: Bool { enabled ?? true }
}

/// A text in English and Spanish.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var en: String
    public var es: String

    public func text(in language: MessageLanguage) -> String {
        switch language {
        case .en: en
        case .es: es
        }
    }
}

/// The languages messages come in.
public enum MessageLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case en
    case es
}

