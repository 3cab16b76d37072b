import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaExtract

/// Pages written to hurt a parser: each must end in bounded time with no crash.
@Suite("hostile documents")
struct HostileDocumentTests {
    /// A bound on wall time: above what the debug build takes with the other tests running
    /// beside it (the 2 MB page of claims, the slowest: about half of it), far below what
    /// work growing with the square of the page would take.
    /// Under a sanitizer (`scripts/sanitize`), which makes every step several times slower,
    /// it is three times as wide.
    static func bound(_ seconds: Int) -> Duration {
        .seconds(Sanitizer.isOn ? 3 * seconds : seconds)
    }

    func extract(_ data: Data, contentType: String? = "text/html; charset=utf-8") -> (PageExtraction, Duration) {
        let clock = ContinuousClock()
        var result: PageExtraction?
        let elapsed = clock.measure {
            result = PageExtractor().extract(body: data, contentType: contentType, url: "https://hostile.test/", origin: .website)
        }
        return (result ?? PageExtraction(claims: [], profileLinks: [], diagnostics: [], language: nil), elapsed)
    }

    @Test("30,000 newsletter sign-up forms in one wrapper are read in time that grows with the page")
    func manySignUps() {
        let form = #"<form class="newsletter"><input type="email" name="EMAIL"></form>"#
        let html = "<html><body><p>Bookkeeping and payroll for small firms.</p><div><div>" + String(repeating: form, count: 30_000)
            + "</div></div></body></html>"
        let clock = ContinuousClock()
        var page: PageExtraction?
        let elapsed = clock.measure {
            page = PageExtractor(vocabulary: FixturePageTests.vocabulary).extract(
                body: Data(html.utf8), contentType: "text/html; charset=utf-8", url: "https://hostile.test/", origin: .website)
        }
        #expect(elapsed < Self.bound(10))
        #expect(Set(page?.claims.filter { $0.kind == .skill }.map(\.value.text) ?? []) == ["bookkeeping", "payroll"])
    }

    @Test("100,000 nested elements")
    func deepNesting() {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>I have 7 years of experience.</p>"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        let (page, elapsed) = extract(Data(html.utf8))
        #expect(elapsed < Self.bound(60))
        // libxml2 stops nesting past its depth limit; whatever it kept is read without recursion.
        #expect(page.claims.count <= 2)
    }

    @Test("a 50 MB attribute")
    func hugeAttribute() {
        var html = Data("<html><body><div data-x=\"".utf8)
        html.append(Data(repeating: UInt8(ascii: "a"), count: 50 * 1024 * 1024))
        html.append(Data("\"><p>Con más de 8 años de experiencia.</p></div></body></html>".utf8))
        let (page, elapsed) = extract(html)
        #expect(elapsed < Self.bound(60))
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
        #expect(elapsed < Self.bound(60))
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
        #expect(elapsed < Self.bound(60))
    }

    @Test("NUL bytes, invalid UTF-8 and mixed encodings")
    func badBytes() {
        var bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><p>Tengo 9 a".utf8)
        bytes += [0xF1]  // Latin-1 ñ inside a UTF-8 page
        bytes += Array("os de experiencia\u{0}\u{0} y \u{0}".utf8)
        bytes += [0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0x00]
        bytes += Array("<p>Con más de 10 años de experiencia.</p></body></html>".utf8)
        let (page, elapsed) = extract(Data(bytes))
        #expect(elapsed < Self.bound(10))
        _ = page.claims.map(\.excerpt).joined()  // every excerpt is a valid Swift string
        let (binary, _) = extract(Data((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }))
        #expect(binary.claims.count < 50)
    }

    @Test("2 MB of claims in one list and in one paragraph: time grows with the page, not with its square")
    func manyClaimsInOneParent() {
        // 20,000 list items, each a degree with a year (each one's locator counted its
        // siblings; each degree read its line's years), then the same lines as one block.
        let line = "Bachelor of Arts, Universidad de Chile, 2010 · Certified Virtual Assistant · QuickBooks Certified User"
        let items = String(repeating: "<li>\(line)</li>", count: 20_000)
        for html in ["<html><body><ul>\(items)</ul></body></html>", "<html><body><p>\(String(repeating: line + " ", count: 20_000))</p></body></html>"] {
            let (page, elapsed) = extract(Data(html.utf8))
            #expect(elapsed < Self.bound(60))
            // The one degree and the credentials stated 20,000 times are one claim each.
            #expect(page.claims.filter { $0.kind == .education }.count == 1)
            #expect(page.claims.contains { $0.kind == .credential })
        }
    }

    @Test("a paragraph of 16,000 credentials or of 16,000 dated jobs ends in time that grows with it")
    func longParagraphsOfClaims() {
        // A distinct capitalised word per number ("Bcd"), in letters: credential keys drop digits.
        func word(_ n: Int) -> String {
            var n = n
            var letters = ""
            repeat {
                letters.append(Character(UnicodeScalar(UInt8(0x61 + n % 26))))
                n /= 26
            } while n > 0
            return letters.prefix(1).uppercased() + letters.dropFirst() + "x"
        }
        // Distinct credentials on one line: every one was compared with every other.
        let credentials = (0..<16_000).map { "Certified in Bookkeeping \(word($0)) by Acme." }
        // Dates after a long run of text: each read the line from its start.
        let jobs = (0..<16_000).map { "\(word($0)) lead Jan 2019 – Present" }
        for (paragraph, kind) in [(credentials, ClaimKind.credential), (jobs, .position)] {
            let (page, elapsed) = extract(Data("<html><body><p>\(paragraph.joined(separator: " "))</p></body></html>".utf8))
            #expect(elapsed < Self.bound(60))
            #expect(page.claims.filter { $0.kind == kind }.count > (kind == .credential ? 10_000 : 0))
        }
    }

    @Test("pages without text read on many threads at once (a race ThreadSanitizer found: scripts/sanitize)")
    func emptyPagesConcurrently() async {
        let pages = ["<html><body></body></html>", #"<html><head><script type="application/ld+json">{}</script></head></html>"#, " "]
        let counts = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    (0..<50).reduce(0) { sum, i in
                        sum + PageExtractor().extract(
                            body: Data(pages[(task + i) % pages.count].utf8), contentType: "text/html", url: "https://empty.test/", origin: .website
                        ).claims.count
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts.count == 16)
        #expect(counts.allSatisfy { $0 == 0 })
    }

    /// A `<div>` with `count` attributes of distinct names, each `length` characters or more.
    static func manyAttributes(_ count: Int, length: Int = 0) -> String {
        "<div " + (0..<count).map { "a\($0)" + String(repeating: "x", count: length) }.joined(separator: " ") + ">x</div>"
    }

    @Test("a tag of 50,000 attributes is not parsed (libxml2 would take seconds per 10,000)")
    func manyAttributesRefused() {
        let html = "<html><body><p>I have 10 years of experience.</p>" + Self.manyAttributes(50_000) + "</body></html>"
        let (page, elapsed) = extract(Data(html.utf8))
        #expect(elapsed < Self.bound(5))
        #expect(page.claims.isEmpty)
        #expect(page.diagnostics.contains { $0.level == .warning && $0.message.contains("attributes") })
        // The same page in UTF-16, with a byte-order mark or with libxml2's `<?` guess.
        let utf16 = "<?xml version=\"1.0\"?>" + html
        for bytes in [Data([0xFF, 0xFE]) + Data(html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
                      Data(utf16.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })] {
            let (page, elapsed) = extract(bytes, contentType: nil)
            #expect(elapsed < Self.bound(5))
            #expect(page.diagnostics.contains { $0.message.contains("attributes") })
        }
    }

    @Test("the attribute bound reads tags wherever libxml2 may find one")
    func attributeBoundReadsEverywhere() {
        let tag = Self.manyAttributes(7_000)
        // Each place hides the tag from a reader that skips it, not from libxml2 (checked
        // against libxml2 2.9.14): an end tag without a name, a comment closed by "--!>", a
        // doctype's unquoted text; and places libxml2 does skip, which the bound reads anyway.
        for wrapped in ["</ \(tag)", "<!-- a --!>\(tag)", "<!DOCTYPE html \"x>\(tag)\">", "<b title=\"<script>\">\(tag)</script>",
                        "<script>\(tag)</script>", "<!-- \(tag) -->"] {
            let html = Data(("<html><body>" + wrapped + "</body></html>").utf8)
            #expect(AttributeCost.exceedsLimit(html, encoding: "UTF-8"), "\(wrapped.prefix(30))")
        }
        // libxml2 cuts a name past 100 characters into pieces, each an attribute of its own:
        // 3,000 names of 250 characters are 9,000 attributes (40 million compares), 3,000 short ones are not.
        #expect(AttributeCost.exceedsLimit(Data(Self.manyAttributes(3_000, length: 249).utf8), encoding: nil))
        #expect(!AttributeCost.exceedsLimit(Data(Self.manyAttributes(3_000).utf8), encoding: nil))
    }

    @Test("no page of ours comes near the attribute bound")
    func attributeBoundSparesRealPages() throws {
        let root = URL(fileURLWithPath: FixturePaths.path("Fixtures"))
        let pages = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
            .filter { $0.pathExtension == "html" }
        #expect(pages.count > 20)
        for page in pages {
            let data = try Data(contentsOf: page)
            #expect(!AttributeCost.exceedsLimit(data, encoding: Charset.encoding(for: data, contentType: nil)), "\(page.lastPathComponent)")
        }
    }

    @Test("a <meta> that switches to UTF-16 mid-page is ignored")
    func metaSwitchIgnored() {
        var bytes = Data(#"<html><head><meta charset="utf-16le"></head>"#.utf8)
        bytes += Data(("<body>" + Self.manyAttributes(50_000) + "<p>I have 10 years of experience.</p></body></html>").utf16.flatMap {
            [UInt8($0 & 0xFF), UInt8($0 >> 8)]
        })
        let (page, elapsed) = extract(bytes, contentType: nil)
        #expect(elapsed < Self.bound(5))
        #expect(!page.claims.contains { $0.kind == .experienceYears })
    }
}
