import Foundation
import HuellaCore

/// What one fetch produced: always an outcome, a body when one arrived.
public struct FetchResponse: Sendable {
    /// The URL asked for.
    public var url: String
    /// The URL after redirects.
    public var finalURL: String
    /// The last HTTP status, or `nil` when no response arrived.
    public var status: Int?
    public var outcome: FetchOutcome
    /// A readable reason when the outcome is not `ok`.
    public var error: String?
    /// The `Content-Type` header of the final response.
    public var contentType: String?
    /// The decoded body (possibly truncated at the cap).
    public var body: Data
    /// Whether the body was cut at `FetchOptions.maxBodyBytes`.
    public var truncated: Bool
    /// Response headers of the final response, names lower-cased (the last value wins).
    public var headers: [String: String] = [:]
    /// How many times the fetch was tried (retries after 429/503 and transient failures).
    public var attempts: Int = 1

    /// `Retry-After` in seconds: delta-seconds or an HTTP date.
    public var retryAfterSeconds: Double? {
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }

    public init(
        url: String, finalURL: String, status: Int?, outcome: FetchOutcome, error: String?,
        contentType: String?, body: Data, truncated: Bool
    ) {
        self.url = url
        self.finalURL = finalURL
        self.status = status
        self.outcome = outcome
        self.error = error
        self.contentType = contentType
        self.body = body
        self.truncated = truncated
    }

    /// A response for a fetch that never started.
    public static func failed(_ url: String, _ outcome: FetchOutcome, _ message: String) -> FetchResponse {
        FetchResponse(
            url: url, finalURL: url, status: nil, outcome: outcome, error: message, contentType: nil,
            body: Data(), truncated: false)
    }
}

/// What a cached copy of a page says about its version, for a conditional request.
public struct Validators: Sendable, Hashable, Codable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// The request headers that ask "only if changed".
    var headers: [String] {
        [etag.map { "If-None-Match: \($0)" }, lastModified.map { "If-Modified-Since: \($0)" }].compactMap { $0 }
    }
}

/// Fetches pages. Implementations never throw for a failing page: the outcome says what happened.
public protocol Fetcher: Sendable {
    /// Fetches a page; with validators, a conditional request that may answer `not-modified`.
    func fetch(_ url: String, validators: Validators?) async -> FetchResponse
}

extension Fetcher {
    public func fetch(_ url: String) async -> FetchResponse {
        await fetch(url, validators: nil)
    }
}
