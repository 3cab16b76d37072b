import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaFetch

/// The SSRF guard end to end. Every connection a test could make goes to loopback only:
/// loopback spellings go straight to a loopback listener; other spellings are pointed at it
/// with `--connect-to`, so the guard judges the address curl would really connect to.
@Suite("SSRF guard, end to end on loopback")
struct SSRFTests {
    /// URL hosts that name loopback in other spellings: curl resolves them itself (no DNS).
    static let loopbackSpellings = [
        "127.0.0.1", "127.1", "127.0.1", "0x7f000001", "0x7f.0x0.0x0.0x1", "0177.0.0.1", "017700000001", "2130706433",
        "127.000.000.001", "0x7f.1", "127.255.255.254", "127.0.0.2", "localhost", "LOCALHOST", "0.0.0.0", "0",
        "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:127.0.0.1]",
    ]

    /// Other non-public spellings: never connected to; mapped to the listener with connect-to.
    static let mappedSpellings = [
        "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.1", "169.254.169.254", "0xa9fea9fe",
        "2852039166", "0251.0376.0251.0376", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1",
        "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]", "[64:ff9b::a9fe:a9fe]",
        "[2002:a9fe:a9fe::1]", "metadata.google.internal",
    ]

    @Test("loopback in any spelling is refused before connecting", arguments: loopbackSpellings)
    func loopback(host: String) async throws {
        let listener = try LoopbackListener(address: "127.0.0.1")
        let fetcher = try CurlFetcher(options: FetchOptions(connectTimeoutMilliseconds: 2000, totalTimeoutMilliseconds: 4000))
        let response = await fetcher.fetch("http://\(host):\(listener.port)/")
        #expect(response.outcome == .ssrfRefused, "\(host): \(response.outcome) \(response.error ?? "")")
        #expect(listener.connections == 0)
    }

    @Test("private, link-local, metadata and special addresses are refused, whatever the spelling", arguments: mappedSpellings)
    func mapped(host: String) async throws {
        let listener = try LoopbackListener()
        let fetcher = try CurlFetcher(
            options: FetchOptions(
                // curl rewrites numeric spellings (0xa9fea9fe, 2852039166) to dotted form before matching:
                // map that form too, so even a broken guard could only reach the listener.
                connectTo: ["\(host):80:127.0.0.2:\(listener.port)", "169.254.169.254:80:127.0.0.2:\(listener.port)"],
                connectTimeoutMilliseconds: 2000, totalTimeoutMilliseconds: 4000))
        let response = await fetcher.fetch("http://\(host)/latest/meta-data/")
        #expect(response.outcome == .ssrfRefused, "\(host): \(response.outcome) \(response.error ?? "")")
        #expect(response.error?.contains("127.0.0.2") == true, "the guard judged the mapped address: \(response.error ?? "")")
        #expect(listener.connections == 0)
    }

    @Test("the numeric address behind each mapped spelling is itself non-public", arguments: [
        "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254", "192.168.0.1", "169.254.169.254", "100.64.0.1",
        "224.0.0.1", "255.255.255.255", "198.18.0.1", "192.0.2.1", "fe80::1", "fc00::1", "fd12:3456::1",
        "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1",
    ])
    func numeric(address: String) {
        #expect(!AddressPolicy.isPublic(numeric: address))
    }

    @Test("a redirect to the cloud metadata address is refused after the first hop was allowed")
    func redirectToMetadata() async throws {
        let server = try FixtureServer(roots: [FixturePaths.path("Fixtures/tests/fetch/sites")])
        let listener = try LoopbackListener()
        var options = FetchOptions(
            // Specific entries first: curl uses the first that matches, and the server's are wildcards.
            connectTo: ["169.254.169.254:80:127.0.0.2:\(listener.port)", "10.0.0.1:80:127.0.0.2:\(listener.port)"] + server.connectTo,
            caFile: server.caFile, totalTimeoutMilliseconds: 5000)
        options.allowedAddresses = ["127.0.0.1"]  // the fixture server only
        let fetcher = try CurlFetcher(options: options)
        #expect(await fetcher.fetch("https://fetch.test/").outcome == .ok)
        for path in ["/to-metadata", "/to-private"] {
            let response = await fetcher.fetch("https://fetch.test\(path)")
            #expect(response.outcome == .ssrfRefused, "\(path): \(response.outcome)")
            #expect(response.error?.contains("127.0.0.2") == true)
        }
        #expect(server.requests().map(\.path).contains("/to-metadata"))
        #expect(listener.connections == 0)
    }

    @Test("--allow-private-network lets loopback through (the test escape hatch works)")
    func escapeHatch() async throws {
        let listener = try LoopbackListener(address: "127.0.0.1")
        let fetcher = try CurlFetcher(options: FetchOptions(allowPrivateNetwork: true, totalTimeoutMilliseconds: 3000))
        let response = await fetcher.fetch("http://127.0.0.1:\(listener.port)/")
        #expect(response.outcome != .ssrfRefused)
        #expect(listener.connections == 1)
    }
}
