/// A lead for a human to check: a rule that fired on an assistant's claims.
public struct Finding: Sendable, Hashable, Codable {
    /// The rule id (`experience-years-mismatch`).
    public var rule: String
    /// The category (`experience.years-mismatch`).
    public var category: String
    public var severity: Severity
    /// The message, in the run's language.
    public var message: String
    /// The ethics clause the rule serves (`FOUND-ETH-MISREP`).
    public var ethicsClause: String
    /// A stable id: the same finding on the same assistant has the same fingerprint run after run.
    public var fingerprint: String
    /// Whether the finding is new against the previous run.
    public var baseline: BaselineState
    public var evidence: [Evidence]

    public init(
        rule: String, category: String, severity: Severity, message: String, ethicsClause: String,
        fingerprint: String, baseline: BaselineState = .new, evidence: [Evidence]
    ) {
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.ethicsClause = ethicsClause
        self.fingerprint = fingerprint
        self.baseline = baseline
        self.evidence = evidence
    }
}

/// A finding's state against the previous run.
public enum BaselineState: String, Sendable, Hashable, Codable {
    case new
    case unchanged
}
