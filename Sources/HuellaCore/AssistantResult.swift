/// Everything a run learned about one assistant.
public struct AssistantResult: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var sources: [Source]
    public var claims: [Claim]
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]

    public init(
        id: String, name: String?, sources: [Source], claims: [Claim], findings: [Finding],
        diagnostics: [Diagnostic]
    ) {
        self.id = id
        self.name = name
        self.sources = sources
        self.claims = claims
        self.findings = findings
        self.diagnostics = diagnostics
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, sources, claims, findings, diagnostics
    }

    /// `name` is written as `null` when unknown, as the report contract shows it.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(sources, forKey: .sources)
        try c.encode(claims, forKey: .claims)
        try c.encode(findings, forKey: .findings)
        try c.encode(diagnostics, forKey: .diagnostics)
    }
}

/// A whole run: when, how much was fetched, and each assistant's result in input order.
public struct RunResult: Sendable, Hashable {
    public var startedAt: String
    public var finishedAt: String
    public var pagesFetched: Int
    public var notModified: Int
    public var errors: Int
    public var assistants: [AssistantResult]
    /// Problems with the input itself (bad lines, bad entries), reported once per run.
    public var diagnostics: [Diagnostic]

    public init(
        startedAt: String, finishedAt: String, pagesFetched: Int, notModified: Int, errors: Int,
        assistants: [AssistantResult], diagnostics: [Diagnostic]
    ) {
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.pagesFetched = pagesFetched
        self.notModified = notModified
        self.errors = errors
        self.assistants = assistants
        self.diagnostics = diagnostics
    }

    /// The highest severity among all findings, if any.
    public var worstSeverity: Severity? {
        assistants.flatMap(\.findings).map(\.severity).max()
    }
}
