internal import CCurl

/// libcurl's process-wide set-up, done once before any transfer starts.
enum CurlRuntime {
    /// Evaluated once (Swift guarantees thread-safe lazy initialisation of static lets).
    static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// curl's text for an error code.
    static func describe(_ code: CURLcode) -> String {
        guard let text = curl_easy_strerror(code) else { return "curl error \(code.rawValue)" }
        return String(cString: text)
    }
}
