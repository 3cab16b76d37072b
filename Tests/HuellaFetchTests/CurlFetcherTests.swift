import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaFetch

@Suite("curl fetcher against the loopback fixture server")
struct CurlFetcherTests {
    let server: FixtureServer

    init() throws {
        server = try FixtureServer(roots: [FixturePaths.path("Fixtures/tests/fetch/sites")])
    }

    func fetcher(
        allowPrivate: Bool = true, trustCA: Bool = true, maxBody: Int = 2 * 1024 * 1024
    ) throws -> CurlFetcher {
        try CurlFetcher(
            options: FetchOptions(
                connectTo: server.connectTo, caFile: trustCA ? server.caFile : nil,
                allowPrivateNetwork: allowPrivate, maxBodyBytes: maxBody, totalTimeoutMilliseconds: 10_000))
    }

    @Test("reads a page over verified TLS with a clear User-Agent")
    func readsPage() async throws {
        let response = try await fetcher().fetch("https://fetch.test/")
        #expect(response.outcome == .ok)
        #expect(response.status == 200)
        #expect(response.contentType == "text/html; charset=utf-8")
        #expect(String(decoding: response.body, as: UTF8.self).contains("Asistente virtual"))
        let request = try #require(server.requests().last)
        #expect(request.scheme == "https")
        #expect(request.headers["user-agent"]?.hasPrefix("huella/") == true)
    }

    @Test("header lines are split at the first colon and trimmed of HTTP white space only; a new status line starts over")
    func headerLines() async {
        let response = await withCheckedContinuation { continuation in
            let transfer = CurlTransfer(
                url: "https://fetch.test/", options: FetchOptions(), validators: nil, cancellation: CancellationToken(),
                continuation: continuation)
            func feed(_ line: String) { _ = Array(line.utf8).withUnsafeBytes { transfer.receiveHeader($0) } }
            feed("HTTP/1.1 301 Moved\r\n")
            feed("Location: /elsewhere\r\n")
            feed("HTTP/1.1 200 OK\r\n")
            for line in ["ETag:  \"a:b\" \r\n", "Content-Type:\ttext/html; charset=utf-8\r\n", "X-Empty:\r\n", "X-Lone\r\n", "  X-Padded : v\u{A0}\r\n", "\r\n"] {
                feed(line)
            }
            #expect(transfer.headers == ["etag": "\"a:b\"", "content-type": "text/html; charset=utf-8", "x-empty": "", "x-padded ": "v\u{A0}"])
            continuation.resume(
                returning: FetchResponse(
                    url: "", finalURL: "", status: nil, outcome: .ok, error: nil, contentType: nil, body: Data(), truncated: false))
        }
        #expect(response.outcome == .ok)
    }

    @Test(
        "maps statuses to outcomes",
        arguments: [
            ("/missing", FetchOutcome.notFound, 404), ("/gone", .gone, 410), ("/denied", .blocked, 999),
            ("/broken", .httpError, 500),
        ])
    func statuses(path: String, outcome: FetchOutcome, status: Int) async throws {
        let response = try await fetcher().fetch("https://fetch.test\(path)")
        #expect(response.outcome == outcome)
        #expect(response.status == status)
        #expect(response.body.isEmpty)
    }

    @Test("follows redirects and reports the final URL")
    func redirect() async throws {
        let response = try await fetcher().fetch("https://fetch.test/old")
        #expect(response.outcome == .ok)
        #expect(response.finalURL == "https://fetch.test/moved")
    }

    @Test("stops a redirect loop")
    func loop() async throws {
        let response = try await fetcher().fetch("https://fetch.test/loop")
        #expect(response.outcome == .tooManyRedirects)
        #expect(server.requests().filter { $0.path == "/loop" }.count == 6)  // the first + 5 redirects
    }

    @Test("refuses redirects to other schemes", arguments: ["/to-file", "/to-gopher"])
    func schemes(path: String) async throws {
        let response = try await fetcher().fetch("https://fetch.test\(path)")
        #expect(response.outcome == .unsupportedScheme)
        #expect(response.body.isEmpty)
    }

    @Test("refuses URLs that are not http(s) without any transfer")
    func refusesSchemes() async throws {
        let response = try await fetcher().fetch("ftp://fetch.test/file")
        #expect(response.outcome == .unsupportedScheme)
        #expect(server.requests().isEmpty)
    }

    @Test("the SSRF guard refuses loopback unless allowed, and no request reaches the server")
    func ssrfGuard() async throws {
        let guarded = try fetcher(allowPrivate: false)
        for url in ["https://fetch.test/", "http://fetch.test/", "http://169.254.169.254/latest/meta-data/"] {
            let response = await guarded.fetch(url)
            #expect(response.outcome == .ssrfRefused, "\(url)")
            #expect(response.error?.contains("127.0.0.1") == true)
        }
        #expect(server.requests().isEmpty)
    }

    @Test("verifies TLS: an unknown CA is a tls-error")
    func tlsVerified() async throws {
        let response = try await fetcher(trustCA: false).fetch("https://fetch.test/")
        #expect(response.outcome == .tlsError)
        #expect(server.requests().isEmpty)
    }

    @Test("truncates a body past the cap and marks it")
    func truncates() async throws {
        let response = try await fetcher(maxBody: 1000).fetch("https://fetch.test/")
        #expect(response.outcome == .ok)
        #expect(response.truncated)
        #expect(response.body.count == 1000)
    }

    @Test("runs many transfers at once")
    func concurrent() async throws {
        let fetcher = try fetcher()
        let outcomes = await withTaskGroup(of: FetchOutcome.self) { group in
            for i in 0..<40 { group.addTask { await fetcher.fetch(i % 2 == 0 ? "https://fetch.test/" : "http://fetch.test/moved").outcome } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.count == 40)
        #expect(outcomes.allSatisfy { $0 == .ok })
    }
}
