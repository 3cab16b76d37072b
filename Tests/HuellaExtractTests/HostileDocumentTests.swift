import Foundation
import HuellaCore
import Testing

@testable import HuellaExtract

/// Pages written to hurt a parser: each must end in bounded time with no crash.
@Suite("hostile documents")
struct HostileDocumentTests {
    func extract(_ data: Data, contentType: String? = "text/html; charset=utf-8") -> (PageExtraction, Duration) {
        let clock = ContinuousClock()
        var result: PageExtraction?
        let elapsed = clock.measure {
            result = PageExtractor().extract(body: data, contentType: contentType, url: "https://hostile.test/", origin: .website)
        }
        return (result ?? PageExtraction(claims: [], profileLinks: [], diagnostics: [], language: nil), elapsed)
    }

    @Test("100,000 nested elements")
    func deepNesting() {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>I have 7 years of experience.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let (page, elapsed) = extract(Data(html.utf8))
        #expect(elapsed < .seconds(60))
        // libxml2 stops nesting past its depth limit; whatever it kept is read without recursion.
        #expect(page.claims.count <= 2)
    }

    @Test("a 50 MB attribute")
    func hugeAttribute() {
        var html = Data("<html><body><div data-x=\"".utf8)
        html.append(Data(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024))
        html.append(Data("\"><p>Con más de 8 años de experiencia.</p></div></body></html>".utf8))
        let (page, elapsed) = extract(html)
        #expect(elapsed < .seconds(60))
        #expect(page.claims.contains { $0.kind == .experienceYears } || page.claims.isEmpty)
    }

    @Test("10,000 JSON-LD blocks, one valid Person among broken ones")
    func manyJSONLD() {
        var html = "<html><head>"
        for i in 0..<10_000 {
            html += i == 5_000
                ? #"<script type="application/ld+json">{"@type":"Person","name":"Ana Ruiz"}</script>"#
                : #"<script type="application/ld+json">{"@type":"Thing","name":"x\#(i)",</script>"#
        }
        html += "</head><body></body></html>"
        let (page, elapsed) = extract(Data(html.utf8))
        #expect(elapsed < .seconds(60))
        #expect(page.claims.contains { $0.kind == .name && $0.value == .text("Ana Ruiz") })
        #expect(page.diagnostics.count == 9_999)
    }

    @Test("deeply nested JSON inside JSON-LD")
    func deepJSON() {
        let depth = 100_000
        let json = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let nested = String(repeating: #"{"a":"#, count: 5_000) + #"{"@type":"Person","name":"Ana Ruiz"}"# + String(repeating: "}", count: 5_000)
        let html = #"<html><head><script type="application/ld+json">\#(json)</script><script type="application/ld+json">\#(nested)</script></head></html>"#
        let (_, elapsed) = extract(Data(html.utf8))
        #expect(elapsed < .seconds(60))
    }

    @Test("NUL bytes, invalid UTF-8 and mixed encodings")
    func badBytes() {
        var bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><p>Tengo 9 a".utf8)
        bytes += [0xF1]  // Latin-1 ñ inside a UTF-8 page
        bytes += Array("os de experiencia\u{0}\u{0} y \u{0}".utf8)
        bytes += [0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0x00]
        bytes += Array("<p>Con más de 10 años de experiencia.</p></body></html>".utf8)
        let (page, elapsed) = extract(Data(bytes))
        #expect(elapsed < .seconds(10))
        _ = page.claims.map(\.excerpt).joined()  // every excerpt is a valid Swift string
        let (binary, _) = extract(Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        #expect(binary.claims.count < 50)
    }
}
