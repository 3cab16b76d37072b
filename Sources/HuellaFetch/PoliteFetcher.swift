import Foundation
import HuellaCore
import Logging

/// A `Fetcher` that is a good citizen on top of another: robots.txt (RFC 9309) for
/// huella's product token, per-host connection limits and spacing (raised by
/// `Crawl-delay`), `Retry-After` on 429 and 503, and bounded retries with backoff.
public final class PoliteFetcher: Fetcher {
    private let inner: any Fetcher
    private let politeness: Politeness
    private let gate = HostGate()
    private let productToken: String
    private let logger: Logger
    private let robotsCache: (any RobotsCache)?

    public init(
        inner: any Fetcher, politeness: Politeness, productToken: String = "huella", robotsCache: (any RobotsCache)? = nil,
        logger: Logger = Logger(label: "huella.fetch", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.inner = inner
        self.robotsCache = robotsCache
        self.politeness = politeness
        self.productToken = productToken
        self.logger = logger
    }

    public func fetch(_ url: String, validators: Validators?) async -> FetchResponse {
        if let problem = URLCheck.problem(with: url) { return .failed(url, .unsupportedScheme, problem) }
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return .failed(url, .unsupportedScheme, "'\(url)' has no host")
        }
        let scheme = components.scheme?.lowercased() ?? "https"
        let origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        var spacing = politeness.delayPerHost
        if politeness.obeyRobots {
            let robots = await gate.robots(for: origin) { [inner, robotsCache] in
                if let cached = robotsCache?.cachedRobots(origin) { return RobotsVerdict(robots: cached, failure: nil) }
                return await Self.loadRobots(origin, with: inner, cache: robotsCache)
            }
            // The host could not be reached at all (TLS, DNS, refused…): the page would fail
            // the same way, so say that rather than "robots-disallowed".
            if let failure = robots.failure {
                var response = FetchResponse.failed(url, failure.outcome, "robots.txt: \(failure.error ?? failure.outcome.rawValue)")
                response.status = failure.status
                return response
            }
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            let target = path + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
            guard robots.robots.allows(path: target) else {
                return .failed(url, .robotsDisallowed, "robots.txt of \(origin) disallows '\(target)' for \(productToken)")
            }
            if let delay = robots.robots.crawlDelay { spacing = max(spacing, min(delay, politeness.maxCrawlDelay)) }
        }
        return await fetchWithRetries(url, validators: validators, host: origin, spacing: spacing)
    }

    private func fetchWithRetries(_ url: String, validators: Validators?, host: String, spacing: Double) async -> FetchResponse {
        var attempt = 0
        while true {
            attempt += 1
            await gate.acquire(host, limit: politeness.connectionsPerHost, spacing: spacing)
            var response = await inner.fetch(url, validators: validators)
            await gate.release(host)
            response.attempts = attempt
            guard attempt <= politeness.maxRetries, !Task.isCancelled else { return response }
            if let status = response.status, status == 429 || status == 503 {
                let wait = response.retryAfterSeconds ?? politeness.backoff * pow(2, Double(attempt - 1))
                guard wait <= politeness.maxRetryAfter else { return response }
                logger.debug("retry after \(wait)s", metadata: ["url": "\(url)", "status": "\(status)"])
                await gate.pause(host, seconds: wait)
                continue
            }
            if Self.isTransient(response) {
                try? await Task.sleep(for: .milliseconds(Int(politeness.backoff * pow(2, Double(attempt - 1)) * 1000)))
                continue
            }
            return response
        }
    }

    /// Failures worth another try: a timeout, a broken connection, a 5xx other than 501.
    static func isTransient(_ response: FetchResponse) -> Bool {
        switch response.outcome {
        case .timeout, .networkError: return true
        case .httpError: return (response.status ?? 0) >= 500 && response.status != 501
        default: return false
        }
    }

    /// RFC 9309: 2xx parsed; 4xx means no restrictions; 5xx or an unreachable server means
    /// disallow all (not cached beyond this run). A transport failure is kept as the verdict's
    /// failure, so pages of that host report it.
    static func loadRobots(_ origin: String, with fetcher: any Fetcher, cache: (any RobotsCache)? = nil) async -> RobotsVerdict {
        let response = await fetcher.fetch(origin + "/robots.txt")
        switch (response.outcome, response.status ?? 0) {
        case (.ok, _):
            let body = String(decoding: response.body.prefix(RobotsTxt.maxBytes), as: UTF8.self)
            cache?.rememberRobots(origin, body: body, allowAll: false)
            return RobotsVerdict(robots: RobotsTxt(parsing: body, userAgent: "huella"), failure: nil)
        case (_, 400..<500), (.notFound, _), (.gone, _):
            cache?.rememberRobots(origin, body: nil, allowAll: true)
            return RobotsVerdict(robots: .allowAll, failure: nil)
        case (.tlsError, _), (.dnsError, _), (.connectError, _), (.ssrfRefused, _), (.unsupportedScheme, _), (.networkError, _),
            (.timeout, _):
            return RobotsVerdict(robots: .disallowAll, failure: response)
        default:
            return RobotsVerdict(robots: .disallowAll, failure: nil)
        }
    }
}

/// What robots.txt says for a host, and why it could not be read when it could not.
struct RobotsVerdict: Sendable {
    var robots: RobotsTxt
    var failure: FetchResponse?
}
