/// Everything a run learned about one assistant.
public struct AssistantResult: Sendable, Hashable, Codable {
    public var id: String
    public var name: String?
    public var sources: [Source]
    /// Every claim read, self-reported ones first.
    public var claims: [Claim] {
        get { lazyClaims?.claims ?? decodedClaims }
        set {
            decodedClaims = newValue
            lazyClaims = nil
        }
    }
    private var decodedClaims: [Claim]
    /// Set when the pipeline had the claims as JSON too (`init(…, encodedClaims:)`): the bytes,
    /// and the claims decoded from them once something reads them. Setting `claims` drops it.
    private var lazyClaims: LazyClaims?
    public var findings: [Finding]
    public var diagnostics: [Diagnostic]
    /// How each profile and the website link to each other.
    public var links: [ProfileLink]
    /// Whether the assistant was audited in full, cut short, or not reached (`--max-duration`).
    public var state: AuditState = .complete

    /// How far an assistant's audit got.
    public enum AuditState: String, Sendable, Hashable, Codable {
        case complete
        /// The run's time ran out while its pages were being read.
        case cutShort = "cut-short"
        /// The run's time ran out before it started.
        case notReached = "not-reached"
    }

    public init(
        id: String, name: String?, sources: [Source], claims: [Claim], findings: [Finding],
        diagnostics: [Diagnostic], links: [ProfileLink] = []
    ) {
        self.links = links
        self.id = id
        self.name = name
        self.sources = sources
        self.decodedClaims = claims
        self.findings = findings
        self.diagnostics = diagnostics
    }

    /// A result whose claims come as JSON (`encodedClaims`, which must hold exactly `claims`, in
    /// order), and decoded too or not yet (`claims` nil: decoded the first time something reads
    /// them). `compactJSON()` splices the bytes instead of encoding the claims again.
    public init(
        id: String, name: String?, sources: [Source], claims: [Claim]?, encodedClaims: EncodedClaims, findings: [Finding],
        diagnostics: [Diagnostic], links: [ProfileLink] = []
    ) {
        self.init(id: id, name: name, sources: sources, claims: [], findings: findings, diagnostics: diagnostics, links: links)
        lazyClaims = LazyClaims(encodedClaims, decoded: claims)
    }

    /// The claims as JSON, when the result was made with them and its claims were not set since.
    public var encodedClaims: EncodedClaims? { lazyClaims?.encoded }

    /// Equal when every field is; claims kept in the same bytes are equal without being
    /// decoded (a result and its marked copy share them).
    public static func == (lhs: AssistantResult, rhs: AssistantResult) -> Bool {
        guard lhs.id == rhs.id, lhs.name == rhs.name, lhs.sources == rhs.sources, lhs.findings == rhs.findings,
            lhs.diagnostics == rhs.diagnostics, lhs.links == rhs.links, lhs.state == rhs.state
        else { return false }
        if let left = lhs.lazyClaims, let right = rhs.lazyClaims, left === right || left.encoded == right.encoded { return true }
        return lhs.claims == rhs.claims
    }

    /// Claims are left out of the hash (equal results still hash equal), so hashing never decodes them.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(name)
        hasher.combine(sources)
        hasher.combine(findings)
        hasher.combine(diagnostics)
        hasher.combine(links)
        hasher.combine(state)
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, sources, claims, findings, diagnostics, links, coverage, state
    }

    /// Sources read against sources attempted: what the findings could rest on.
    public struct Coverage: Sendable, Hashable, Codable {
        public var read: Int
        public var declared: Int
    }

    public var coverage: Coverage {
        Coverage(read: sources.filter { $0.outcome.wasRead }.count, declared: sources.count)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        sources = try c.decode([Source].self, forKey: .sources)
        decodedClaims = try c.decode([Claim].self, forKey: .claims)
        findings = try c.decode([Finding].self, forKey: .findings)
        diagnostics = try c.decodeIfPresent([Diagnostic].self, forKey: .diagnostics) ?? []
        links = try c.decodeIfPresent([ProfileLink].self, forKey: .links) ?? []
        state = try c.decodeIfPresent(AuditState.self, forKey: .state) ?? .complete
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
        try c.encode(links, forKey: .links)
        try c.encode(coverage, forKey: .coverage)
        try c.encode(state, forKey: .state)
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
    /// The run's id in the state store, and the run it was compared with.
    public var runID: Int64?
    public var baselineRunID: Int64?
    /// Findings of the baseline run that this run no longer finds.
    public var resolved: [ResolvedFinding] = []

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

/// A finding the baseline run had and this run no longer has.
public struct ResolvedFinding: Sendable, Hashable, Codable {
    public var assistantID: String
    public var fingerprint: String
    public var rule: String
    public var category: String
    public var severity: Severity
    public var message: String

    public init(assistantID: String, fingerprint: String, rule: String, category: String, severity: Severity, message: String) {
        self.assistantID = assistantID
        self.fingerprint = fingerprint
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
    }
}
