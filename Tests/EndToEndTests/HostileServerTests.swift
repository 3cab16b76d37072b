import Foundation
import HuellaTestSupport
import Testing

/// huella against a server that misbehaves on purpose: every case ends with its outcome in
/// the report, the run goes on, and time and memory stay bounded.
@Suite("hostile servers, end to end")
struct HostileServerTests {
    let server: HostileServer

    init() throws {
        server = try HostileServer()
    }

    /// Website URL → the outcome the report must show for it.
    var cases: [(String, String)] {
        var list: [(String, String)] = [
            ("https://ok.hostile.test/ok", "ok"),
            ("https://slowloris.hostile.test/slowloris", "timeout"),
            ("https://endless.hostile.test/endless", "ok"),
            ("https://big.hostile.test/big", "ok"),
            ("https://bigchunked.hostile.test/big-chunked", "ok"),
            ("https://gzip.hostile.test/gzip-bomb", "too-large"),
            ("https://deflate.hostile.test/deflate-bomb", "too-large"),
            ("https://loop.hostile.test/redirect-loop", "too-many-redirects"),
            ("https://file.hostile.test/redirect-file", "unsupported-scheme"),
            ("https://gopher.hostile.test/redirect-gopher", "unsupported-scheme"),
            ("https://dict.hostile.test/redirect-dict", "unsupported-scheme"),
            ("https://metadata.hostile.test/redirect-metadata", "ssrf-refused"),
            ("https://private.hostile.test/redirect-private", "ssrf-refused"),
            ("https://loopback.hostile.test/redirect-loopback", "ssrf-refused"),
            ("https://headers.hostile.test/huge-headers", "too-large"),
            ("https://notype.hostile.test/no-content-type", "ok"),
            ("https://wrongtype.hostile.test/wrong-content-type", "ok"),
            ("https://binary.hostile.test/binary-as-html", "ok"),
            ("https://utf8.hostile.test/invalid-utf8", "ok"),
            ("https://attributes.hostile.test/many-attributes", "ok"),
            ("https://midclose.hostile.test/close-mid-response", "network-error"),
            ("http://raw.hostile.test/", "network-error"),
            ("http://rawclose.hostile.test/raw-close", "network-error"),
            ("https://selfsigned.hostile.test/ok", "tls-error"),
            ("https://wronghost.hostile.test/ok", "tls-error"),
            ("https://denied.hostile.test/status/999", "blocked"),
            ("https://busy.hostile.test/status/503", "http-error"),
        ]
        if server.card.https_expired != nil { list.append(("https://expired.hostile.test/ok", "tls-error")) }
        if server.card.brotli == true { list.append(("https://brotli.hostile.test/brotli-bomb", "too-large")) }
        return list
    }

    @Test("every hostile case ends with its own outcome, the run goes on, bounded in time and memory")
    func hostileRun() throws {
        let dir = try TemporaryDirectory()
        let entries = cases.enumerated().map { i, item in #"{"id": "case-\#(i)", "website": "\#(item.0)"}"# }
        let roster = try dir.write("hostile.json", #"{"assistants": [\#(entries.joined(separator: ",\n"))]}"#)
        let card = server.card
        var connectTo = [
            "169.254.169.254:80:127.0.0.2:\(card.listener_127_0_0_2 ?? 9)", "10.0.0.1:80:127.0.0.2:\(card.listener_127_0_0_2 ?? 9)",
            "selfsigned.hostile.test:443:127.0.0.1:\(card.https_selfsigned)", "wronghost.hostile.test:443:127.0.0.1:\(card.https_wronghost)",
            "raw.hostile.test:80:127.0.0.1:\(card.raw)", "rawclose.hostile.test:80:127.0.0.1:\(card.raw)",
        ]
        if let expired = card.https_expired { connectTo.append("expired.hostile.test:443:127.0.0.1:\(expired)") }
        connectTo += [":443:127.0.0.1:\(card.https)", ":80:127.0.0.1:\(card.http)"]
        let start = Date()
        let run = try HuellaRun.run(
            ["audit", "--roster", roster, "--format", "json", "--no-state", "--delay", "0", "--retries", "0", "--timeout", "4",
             "--max-page-bytes", "1048576",
             "--cacert", card.cafile, "--allow-address", "127.0.0.1"] + connectTo.flatMap { ["--connect-to", $0] }, measuringPeak: true)
        let elapsed = Date().timeIntervalSince(start)
        // Bounded: the slowest case is the 4 s timeout; the rest is parsing capped pages (a debug build, a busy machine).
        #expect(elapsed < 120, "the hostile run took \(elapsed) s")
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")

        let report = try JSONDecoder().decode(DecodedReport.self, from: run.stdout)
        #expect(report.assistants.count == cases.count, "every case is in the report")
        for (i, (url, expected)) in cases.enumerated() {
            let source = report.assistants.first { $0.id == "case-\(i)" }?.sources.first { $0.role == "website" }
            #expect(source?.outcome == expected, "\(url): \(source?.outcome ?? "missing") \(source?.error ?? "")")
        }
        // The page built to stall the parser is fetched, not parsed, and the report says why.
        let stalling = report.assistants.first { $0.sources.contains { $0.url.hasSuffix("/many-attributes") } }
        #expect(stalling?.diagnostics.contains { $0.message.contains("attributes") } == true, "\(stalling?.diagnostics ?? [])")
        #expect(stalling?.claims.isEmpty == true)
        let truncated = report.assistants.flatMap(\.sources).filter { $0.error?.contains("truncated at") == true }.map(\.url)
        #expect(Set(truncated).isSuperset(of: ["https://endless.hostile.test/endless", "https://big.hostile.test/big", "https://bigchunked.hostile.test/big-chunked"]))
        #expect(server.listenerConnections() == 0, "a refused address was connected to")

        // huella's own peak (`measuringPeak`: a child of this test process would report the
        // test process's peak as well). Under a sanitizer (`scripts/sanitize`) shadow memory
        // counts too (and, for AddressSanitizer, the quarantine of freed blocks;
        // ThreadSanitizer documents 5–10× memory), so the bound is three times as wide: still
        // far below an unbounded read.
        let peak = try #require(run.peakKilobytes, "the run reported its peak memory")
        let boundMB = Sanitizer.isOn ? 1200 : 400
        #expect(peak < boundMB * 1024, "peak memory of huella: \(peak / 1024) MB")
        print("hostile run: \(Int(elapsed)) s, peak RSS of huella \(peak / 1024) MB")
    }
}
