import Foundation
import HuellaExtract
import HuellaFetch
import HuellaStore

/// Where the pipeline keeps what pages yielded, so a nightly run can ask "only if changed"
/// and reuse the claims of an unchanged page without parsing it again.
public protocol PageCache: Sendable {
    /// A page's validators and extraction; claims the cache keeps as JSON come as `claimsJSON`
    /// only (`extraction.claims` empty), decoded by the auditor when it needs them.
    func cached(_ url: String) -> CachedPage?
    /// `claimsJSON`: the extraction's claims as `EncodedClaims.encode` wrote them.
    func remember(_ url: String, response: FetchResponse, extraction: PageExtraction, claimsJSON: Data?)
    /// The rules' last verdict on an assistant, if it was reached under `key` (see `Auditor`).
    func verdict(for assistantID: String, key: String) -> Data?
    func rememberVerdict(_ verdict: Data, for assistantID: String, key: String)
}

extension StateStore: PageCache {
    public func cached(_ url: String) -> CachedPage? { page(url, decodingClaims: false) }

    public func remember(_ url: String, response: FetchResponse, extraction: PageExtraction, claimsJSON: Data?) {
        savePage(url, response: response, extraction: extraction, claimsJSON: claimsJSON)
    }

    public func verdict(for assistantID: String, key: String) -> Data? { verdict(assistantID: assistantID, key: key) }

    public func rememberVerdict(_ verdict: Data, for assistantID: String, key: String) {
        saveVerdict(assistantID: assistantID, key: key, verdict: verdict)
    }
}

extension StateStore: RobotsCache {
    public func cachedRobots(_ origin: String) -> RobotsTxt? { robots(origin) }

    public func rememberRobots(_ origin: String, body: String?, allowAll: Bool) {
        saveRobots(origin, body: body, allowAll: allowAll)
    }
}
