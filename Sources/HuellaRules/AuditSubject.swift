import HuellaCore

/// What the rules see of one assistant: the sources attempted and every claim read,
/// self-reported ones included.
public struct AuditSubject: Sendable, Hashable {
    public var assistantID: String
    public var sources: [Source]
    public var claims: [Claim]

    public init(assistantID: String, sources: [Source], claims: [Claim]) {
        self.assistantID = assistantID
        self.sources = sources
        self.claims = claims
    }
}
