import HuellaCore

/// What an HTTP status means for a page huella wanted to read.
enum HTTPStatus {
    static func outcome(for status: Int) -> (FetchOutcome, String?) {
        switch status {
        case 200..<300: (.ok, nil)
        case 304: (.notModified, nil)
        case 404: (.notFound, "HTTP 404")
        case 410: (.gone, "HTTP 410")
        // LinkedIn's "Request denied", authentication walls, "forbidden" to crawlers
        // and rate limits: the host refused to show the page, which says nothing about it.
        case 999, 401, 403, 429: (.blocked, "HTTP \(status): the host refused the crawler")
        default: (.httpError, "HTTP \(status)")
        }
    }
}
