/// A place that supports a finding: the page, the words and where they are.
public struct Evidence: Sendable, Hashable, Codable {
    public var url: String
    public var excerpt: String
    public var locator: String

    public init(url: String, excerpt: String, locator: String) {
        self.url = url
        self.excerpt = excerpt
        self.locator = locator
    }

    /// The evidence a claim gives.
    public init(claim: Claim) {
        self.init(url: claim.url, excerpt: claim.excerpt, locator: claim.locator)
    }
}
