import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaFetch

@Suite("polite fetching against the loopback fixture server")
struct PoliteFetcherTests {
    let server: FixtureServer

    init() throws {
        server = try FixtureServer(roots: [FixturePaths.path("Fixtures/tests/fetch/sites")])
    }

    func fetcher(_ politeness: Politeness) throws -> PoliteFetcher {
        let curl = try CurlFetcher(
            options: FetchOptions(
                connectTo: server.connectTo, caFile: server.caFile, allowPrivateNetwork: true, totalTimeoutMilliseconds: 10_000))
        return PoliteFetcher(inner: curl, politeness: politeness)
    }

    @Test("obeys robots.txt for its own product token and asks for it once per host")
    func robots() async throws {
        let polite = try fetcher(Politeness(delayPerHost: 0))
        async let home = polite.fetch("https://robots.test/")
        async let secret = polite.fetch("https://robots.test/private/clients")
        async let allowed = polite.fetch("https://robots.test/private/public-page")
        let results = await [home, secret, allowed]
        #expect(results.map(\.outcome) == [.ok, .robotsDisallowed, .ok])
        #expect(results[1].error?.contains("robots.txt") == true)
        let requests = server.requests().filter { $0.host == "robots.test" }
        #expect(requests.filter { $0.path == "/robots.txt" }.count == 1)
        #expect(!requests.contains { $0.path == "/private/clients" })
    }

    @Test("a robots.txt that answers 5xx disallows the whole host; a missing one allows it")
    func robotsUnavailable() async throws {
        let polite = try fetcher(Politeness(delayPerHost: 0))
        #expect(await polite.fetch("https://robots-5xx.test/").outcome == .robotsDisallowed)
        #expect(await polite.fetch("https://fetch.test/").outcome == .ok)  // no robots.txt: 404
        #expect(!server.requests().contains { $0.host == "robots-5xx.test" && $0.path == "/" })
    }

    @Test("keeps the per-host delay and Crawl-delay between requests to one host")
    func spacing() async throws {
        let polite = try fetcher(Politeness(connectionsPerHost: 4, delayPerHost: 0.25))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 { group.addTask { _ = await polite.fetch("https://polite.test/") } }
        }
        let times = server.requests().filter { $0.host == "polite.test" && $0.path == "/" }.map(\.time).sorted()
        #expect(times.count == 4)
        for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= 0.22, "requests \(b - a)s apart") }
        // robots.test says Crawl-delay: 0.2 for huella even with no delay configured.
        let robots = try fetcher(Politeness(delayPerHost: 0))
        _ = await robots.fetch("https://robots.test/")
        _ = await robots.fetch("https://robots.test/private/public-page")
        let pages = server.requests().filter { $0.host == "robots.test" && $0.path != "/robots.txt" }.map(\.time).sorted()
        #expect(pages.count == 2 && pages[1] - pages[0] >= 0.18)
    }

    @Test("honours Retry-After on 429 and retries transient 5xx with backoff")
    func retries() async throws {
        let polite = try fetcher(Politeness(delayPerHost: 0, maxRetries: 2, backoff: 0.05))
        let busy = await polite.fetch("https://polite.test/busy")
        #expect(busy.outcome == .ok && busy.attempts == 2)
        let busyTimes = server.requests().filter { $0.path == "/busy" }.map(\.time)
        #expect(busyTimes.count == 2 && busyTimes[1] - busyTimes[0] >= 0.95)
        let flaky = await polite.fetch("https://polite.test/flaky")
        #expect(flaky.outcome == .ok && flaky.attempts == 3)
        // A Retry-After longer than the limit is not waited for.
        let overloaded = await polite.fetch("https://polite.test/overloaded")
        #expect(overloaded.outcome == .httpError && overloaded.attempts == 1)
    }

    @Test("one slow host does not stall the others")
    func slowHost() async throws {
        let polite = try fetcher(Politeness(delayPerHost: 0))
        async let slow = polite.fetch("https://slow.test/")  // the server takes 4 s to answer
        try await Task.sleep(for: .milliseconds(200))
        for _ in 0..<3 { #expect(await polite.fetch("https://fetch.test/moved").outcome == .ok) }
        #expect(await slow.outcome == .ok)
        // Every fast request reached the server while the slow one was still being answered.
        let log = server.requests()
        let slowArrival = try #require(log.first { $0.host == "slow.test" && $0.path == "/" }).time
        let fast = log.filter { $0.host == "fetch.test" && $0.path == "/moved" }.map(\.time)
        #expect(fast.count == 3)
        #expect(fast.allSatisfy { $0 < slowArrival + 4 }, "fast requests at \(fast.map { $0 - slowArrival })")
    }
}
