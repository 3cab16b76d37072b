internal import CCurl
import Foundation
import HuellaCore

#if canImport(Glibc)
    import Glibc
#endif

/// One transfer: the request, the curl easy handle and what has arrived so far.
///
/// `@unchecked Sendable` invariant: it is created on a caller's task and then handed to
/// the multi loop; from then on every mutable field is touched only by the loop's thread
/// (curl calls the callbacks below on that thread). `cancellation` is itself thread-safe.
final class CurlTransfer: @unchecked Sendable {
    let url: String
    let options: FetchOptions
    let validators: Validators?
    let cancellation: CancellationToken
    private let continuation: CheckedContinuation<FetchResponse, Never>

    private(set) var easy: UnsafeMutableRawPointer?
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
    private var body = Data()
    private var truncated = false
    /// Decoded bytes seen in all, also those past the cap (read on a little for compressed
    /// bodies, to tell a bomb from a long page).
    private var decodedTotal = 0
    private(set) var headers: [String: String] = [:]
    private var headerBytes = 0
    private var headersTooLarge = false
    /// The address the SSRF guard refused, if it refused one.
    private var refusedAddress: String?

    init(
        url: String, options: FetchOptions, validators: Validators?, cancellation: CancellationToken,
        continuation: CheckedContinuation<FetchResponse, Never>
    ) {
        self.url = url
        self.options = options
        self.validators = validators
        self.cancellation = cancellation
        self.continuation = continuation
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        errorBuffer.deallocate()
    }

    private var context: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Creates and configures the easy handle. Loop thread only.
    func start() throws(FetchSetupError) -> UnsafeMutableRawPointer {
        guard let handle = curl_easy_init() else { throw FetchSetupError(option: "curl_easy_init", code: nil) }
        easy = handle
        let o = options
        try set(handle, CURLOPT_URL, string: url)
        try set(handle, CURLOPT_PRIVATE, pointer: context)
        try check(ccurl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlWriteCallback), "WRITEFUNCTION")
        try set(handle, CURLOPT_WRITEDATA, pointer: context)
        try check(ccurl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback), "HEADERFUNCTION")
        try set(handle, CURLOPT_HEADERDATA, pointer: context)
        try check(ccurl_setopt_opensocket_function(handle, curlOpenSocketCallback), "OPENSOCKETFUNCTION")
        try set(handle, CURLOPT_OPENSOCKETDATA, pointer: context)
        try check(ccurl_setopt_prereq_function(handle, curlPrereqCallback), "PREREQFUNCTION")
        try set(handle, CURLOPT_PREREQDATA, pointer: context)
        try set(handle, CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(handle, CURLOPT_NOSIGNAL, 1)
        try set(handle, CURLOPT_PROTOCOLS_STR, string: "http,https")
        try set(handle, CURLOPT_REDIR_PROTOCOLS_STR, string: "http,https")
        try set(handle, CURLOPT_FOLLOWLOCATION, 1)
        try set(handle, CURLOPT_MAXREDIRS, o.maxRedirects)
        try set(handle, CURLOPT_USERAGENT, string: o.userAgent)
        try set(handle, CURLOPT_ACCEPT_ENCODING, string: "")
        try set(handle, CURLOPT_SSL_VERIFYPEER, 1)
        try set(handle, CURLOPT_SSL_VERIFYHOST, 2)
        try set(handle, CURLOPT_PROXY, string: "")
        try set(handle, CURLOPT_CONNECTTIMEOUT_MS, o.connectTimeoutMilliseconds)
        try set(handle, CURLOPT_TIMEOUT_MS, o.totalTimeoutMilliseconds)
        try set(handle, CURLOPT_LOW_SPEED_LIMIT, o.lowSpeedBytesPerSecond)
        try set(handle, CURLOPT_LOW_SPEED_TIME, o.lowSpeedSeconds)
        if let ca = o.caFile { try set(handle, CURLOPT_CAINFO, string: ca) }
        try set(
            handle, CURLOPT_HTTPHEADER,
            list: [
                "Accept: text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                "Accept-Language: \(o.acceptLanguage)",
            ] + (validators?.headers ?? []))
        if !o.connectTo.isEmpty { try set(handle, CURLOPT_CONNECT_TO, list: o.connectTo) }
        return handle
    }

    /// Builds the response from curl's result, frees the handle and resumes the waiting task.
    /// Loop thread only; called exactly once per transfer.
    func finish(code: CURLcode?) {
        let response = code.map(makeResponse) ?? cancelledResponse()
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        for list in lists { curl_slist_free_all(list) }
        lists = []
        continuation.resume(returning: response)
    }

    // MARK: Callbacks (loop thread)

    func receive(_ chunk: UnsafeRawBufferPointer) -> Int {
        decodedTotal += chunk.count
        let room = options.maxBodyBytes - body.count
        if chunk.count <= room {
            body.append(contentsOf: chunk)
            return chunk.count
        }
        body.append(contentsOf: chunk.prefix(max(0, room)))
        truncated = true
        // A compressed body goes on being decoded (and dropped) up to 4× the cap, so its ratio
        // to the bytes on the wire can be judged; anything else stops here.
        if headers["content-encoding"] != nil && decodedTotal < 4 * options.maxBodyBytes { return chunk.count }
        return 0  // stops the transfer: curl reports a write error, which `makeResponse` reads as truncation
    }

    /// One header line. A status line starts a new response (after a redirect or a 100).
    func receiveHeader(_ line: UnsafeRawBufferPointer) -> Int {
        headerBytes += line.count
        if headerBytes > options.maxHeaderBytes {
            headersTooLarge = true
            return 0
        }
        // On bytes: HTTP's optional white space is spaces and tabs (RFC 9110 §5.6.3), and the
        // line ends in CR LF. (Foundation's trimming here was 13 % of the curl side of a nightly run.)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
        var start = line.startIndex
        var end = line.endIndex
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        let content = UnsafeRawBufferPointer(rebasing: line[start..<end])
        if content.starts(with: "HTTP/".utf8) {
            headers = [:]
        } else if let colon = content.firstIndex(of: UInt8(ascii: ":")) {
            var valueStart = colon + 1
            while valueStart < content.endIndex, isSpace(content[valueStart]) { valueStart += 1 }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: content[..<colon]), as: UTF8.self).lowercased()
            headers[name] = String(decoding: UnsafeRawBufferPointer(rebasing: content[valueStart...]), as: UTF8.self)
        }
        return line.count
    }

    func admits(address bytes: [UInt8]) -> Bool {
        if options.allowPrivateNetwork { return true }
        let text = IPAddressParser.render(bytes)
        let ok = options.allowedAddresses.contains(text)
            || (bytes.count == 4 ? AddressPolicy.isPublic(ipv4: bytes) : AddressPolicy.isPublic(ipv6: bytes))
        if !ok { refusedAddress = text }
        return ok
    }

    func admits(numeric address: String) -> Bool {
        if options.allowPrivateNetwork { return true }
        let ok = options.allowedAddresses.contains(address) || AddressPolicy.isPublic(numeric: address)
        if !ok { refusedAddress = address }
        return ok
    }

    // MARK: Results

    private func makeResponse(_ code: CURLcode) -> FetchResponse {
        guard let easy else { return cancelledResponse() }
        var status = 0
        _ = ccurl_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>?
        _ = ccurl_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
        var type: UnsafeMutablePointer<CChar>?
        _ = ccurl_getinfo_string(easy, CURLINFO_CONTENT_TYPE, &type)
        let finalURL = effective.map { String(cString: $0) } ?? url
        let detail = errorBuffer.pointee != 0 ? String(cString: errorBuffer) : CurlRuntime.describe(code)
        var (outcome, message) = Self.classify(
            code: code, status: status, truncated: truncated, refused: refusedAddress, detail: detail)
        if headersTooLarge {
            (outcome, message) = (.tooLarge, "response headers larger than \(options.maxHeaderBytes) bytes")
        }
        var wire: curl_off_t = 0
        _ = ccurl_getinfo_off(easy, CURLINFO_SIZE_DOWNLOAD_T, &wire)
        // A body that reached the cap from a tiny compressed stream is a decompression bomb, not a long page.
        if truncated, wire > 0, decodedTotal / Int(wire) >= options.maxCompressionRatio {
            (outcome, message) = (.tooLarge, "decompressed body past \(options.maxBodyBytes) bytes from \(wire) bytes on the wire")
        }
        var response = FetchResponse(
            url: url, finalURL: finalURL, status: status > 0 ? status : nil, outcome: outcome, error: message,
            contentType: type.map { String(cString: $0) }, body: outcome.wasRead ? body : Data(),
            truncated: truncated)
        response.headers = headers
        return response
    }

    private func cancelledResponse() -> FetchResponse {
        .failed(url, .timeout, "cancelled before it finished")
    }

    static func classify(
        code: CURLcode, status: Int, truncated: Bool, refused: String?, detail: String
    ) -> (FetchOutcome, String?) {
        if let refused {
            return (.ssrfRefused, "refused to connect to non-public address '\(refused)'")
        }
        if code == CURLE_OK || (code == CURLE_WRITE_ERROR && truncated) {
            return HTTPStatus.outcome(for: status)
        }
        let outcome: FetchOutcome =
            switch code {
            case CURLE_COULDNT_RESOLVE_HOST: .dnsError
            case CURLE_COULDNT_CONNECT: .connectError
            case CURLE_OPERATION_TIMEDOUT: .timeout
            case CURLE_TOO_MANY_REDIRECTS: .tooManyRedirects
            case CURLE_UNSUPPORTED_PROTOCOL: .unsupportedScheme
            case CURLE_FILESIZE_EXCEEDED: .tooLarge
            case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
                CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
                CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
                .tlsError
            default: .networkError
            }
        return (outcome, detail)
    }

    // MARK: Option helpers

    /// The option's name is only written out on failure: interpolating a `CURLoption` goes
    /// through reflection, and doing it for every option of every transfer was 15 % of the
    /// curl side of a nightly run.
    private func check(_ code: CURLcode, _ option: @autoclosure () -> String) throws(FetchSetupError) {
        guard code == CURLE_OK else { throw FetchSetupError(option: option(), code: CurlRuntime.describe(code)) }
    }

    private func set(_ h: UnsafeMutableRawPointer, _ o: CURLoption, _ v: Int) throws(FetchSetupError) {
        try check(ccurl_setopt_long(h, o, v), "\(o)")
    }

    private func set(_ h: UnsafeMutableRawPointer, _ o: CURLoption, string v: String) throws(FetchSetupError) {
        try check(ccurl_setopt_string(h, o, v), "\(o)")  // curl copies string options
    }

    private func set(_ h: UnsafeMutableRawPointer, _ o: CURLoption, pointer v: UnsafeMutableRawPointer)
        throws(FetchSetupError)
    {
        try check(ccurl_setopt_pointer(h, o, v), "\(o)")
    }

    /// curl keeps list options by reference: the list lives until `finish`.
    private func set(_ h: UnsafeMutableRawPointer, _ o: CURLoption, list items: [String]) throws(FetchSetupError) {
        var list: UnsafeMutablePointer<curl_slist>?
        for item in items { list = curl_slist_append(list, item) }
        guard let list else { throw FetchSetupError(option: "\(o)", code: "out of memory") }
        lists.append(list)
        try check(ccurl_setopt_slist(h, o, list), "\(o)")
    }
}

/// A transfer could not even be configured (a libcurl without a needed feature).
public struct FetchSetupError: Error, Sendable, CustomStringConvertible {
    public var option: String
    public var code: String?
    public var description: String { "could not set up transfer: \(option): \(code ?? "failed")" }
}

// MARK: C callbacks: global lets of C function-pointer type, context through Unmanaged.

private let curlWriteCallback: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receive(UnsafeRawBufferPointer(start: data, count: size * count))
}

private let curlHeaderCallback: curl_write_callback = { data, size, count, context in
    guard let data, let context else { return 0 }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
}

/// Runs before every new connection (also after redirects and for every DNS answer):
/// the SSRF guard sees the numeric address and refuses it before any packet is sent.
private let curlOpenSocketCallback: curl_opensocket_callback = { context, _, address in
    guard let context, let address else { return CURL_SOCKET_BAD }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    var bytes = [UInt8](repeating: 0, count: 16)
    let family = ccurl_sockaddr_bytes(address, &bytes)
    let candidate: [UInt8]? =
        switch family {
        case AF_INET: Array(bytes[0..<4])
        case AF_INET6: bytes
        default: nil
        }
    guard let candidate, transfer.admits(address: candidate) else { return CURL_SOCKET_BAD }
    return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
}

/// Runs once a connection is up, also a reused one: a second look at the real peer.
private let curlPrereqCallback: curl_prereq_callback = { context, primaryIP, _, _, _ in
    guard let context, let primaryIP else { return Int32(CURL_PREREQFUNC_ABORT) }
    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    return transfer.admits(numeric: String(cString: primaryIP))
        ? Int32(CURL_PREREQFUNC_OK) : Int32(CURL_PREREQFUNC_ABORT)
}
