import Foundation
import HuellaExtract
import HuellaFetch
import HuellaStore

/// Where the pipeline keeps what pages yielded, so a nightly run can ask "only if changed"
/// and reuse the claims of an unchanged page without parsing it again.
public protocol PageCache: Sendable {
    func cached(_ url: String) -> CachedPage?
    /// `claimsJSON`: the extraction's claims as `EncodedClaims.encode` wrote them.
    func remember(_ url: String, response: FetchResponse, extraction: PageExtraction, claimsJSON: Data?)
}

extension StateStore: PageCache {
    public func cached(_ url: String) -> CachedPage? { page(url) }

    public func remember(_ url: String, response: FetchResponse, extraction: PageExtraction, claimsJSON: Data?) {
        savePage(url, response: response, extraction: extraction, claimsJSON: claimsJSON)
    }
}

extension StateStore: RobotsCache {
    public func cachedRobots(_ origin: String) -> RobotsTxt? { robots(origin) }

    public func rememberRobots(_ origin: String, body: String?, allowAll: Bool) {
        saveRobots(origin, body: body, allowAll: allowAll)
    }
}
