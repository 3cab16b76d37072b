/// How politely huella fetches from each host. Immutable, passed down.
public struct Politeness: Sendable, Hashable {
    /// Transfers to one host at once.
    public var connectionsPerHost: Int
    /// Seconds between the starts of two requests to one host (raised by `Crawl-delay`).
    public var delayPerHost: Double
    /// The longest `Crawl-delay` honoured; a longer one is capped (and the cap reported).
    public var maxCrawlDelay: Double
    /// Whether robots.txt is fetched and obeyed (RFC 9309).
    public var obeyRobots: Bool
    /// Retries after 429/503 and transient failures (timeouts, resets, 5xx).
    public var maxRetries: Int
    /// The longest `Retry-After` waited for; a longer one ends the fetch as refused.
    public var maxRetryAfter: Double
    /// First backoff before a retry of a transient failure, doubled each time.
    public var backoff: Double

    public init(
        connectionsPerHost: Int = 2, delayPerHost: Double = 1.0, maxCrawlDelay: Double = 30, obeyRobots: Bool = true,
        maxRetries: Int = 2, maxRetryAfter: Double = 60, backoff: Double = 0.5
    ) {
        self.connectionsPerHost = max(1, connectionsPerHost)
        self.delayPerHost = max(0, delayPerHost)
        self.maxCrawlDelay = maxCrawlDelay
        self.obeyRobots = obeyRobots
        self.maxRetries = max(0, maxRetries)
        self.maxRetryAfter = maxRetryAfter
        self.backoff = backoff
    }
}

/// Where robots.txt verdicts outlive a run (up to a day, as RFC 9309 allows). Only real
/// answers are kept: a body, or "allow all" after a 4xx; never a transient "disallow all".
public protocol RobotsCache: Sendable {
    func cachedRobots(_ origin: String) -> RobotsTxt?
    func rememberRobots(_ origin: String, body: String?, allowAll: Bool)
}
