internal import CHuellaArena
internal import CLibXML2
import Dispatch
import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaExtract

/// libxml2's allocator for huella's parses (`CHuellaArena`): a document built in an arena is
/// the one malloc would build, pages past a chunk fall back to malloc for what does not fit,
/// and parses on several threads at once keep to their own arenas.
@Suite("libxml2 parses in an arena")
struct ArenaTests {
    static let extractor = PageExtractor(vocabulary: .empty, hosts: .empty)

    /// Pages beside the fixtures: one past a chunk (a text node and an attribute of 1.5 MB),
    /// a Latin-1 page, unclosed and misnested tags, a page of many small elements (a tree of
    /// several chunks).
    static func awkwardPages() -> [(name: String, data: Data, contentType: String?)] {
        let big = String(repeating: "Bookkeeping and payroll since 2015, over 10 years. ", count: 30_000)
        let huge = "<html><body><p title=\"\(String(repeating: "x", count: 1_500_000))\">Hola</p><p>\(big)</p>"
            + "<p>Contact: ana@va.test</p></body></html>"
        let latin1 = "<html><head><title>Asistente virtual en Málaga</title></head><body><p>Más de 8 años de experiencia; "
            + "licenciada en Administración por la Universidad de Granada.</p></body></html>"
        let broken = "<html><body><div><p>Virtual assistant <b>since 2016<i>, </b> MBA</i><ul><li>QuickBooks<li>Xero</div>"
            + "<table><tr><td>Inglés C1<td>Español nativo</table><p>Jane Doe &copy; 2024"
        let many = "<html><body>" + (0..<6_000).map { "<span class=\"s\(($0 % 7))\">w\($0)</span>" }.joined() + "</body></html>"
        return [
            ("past a chunk", Data(huge.utf8), "text/html; charset=utf-8"),
            ("Latin-1", latin1.data(using: .isoLatin1)!, "text/html; charset=iso-8859-1"),
            ("broken", Data(broken.utf8), nil),
            ("many elements", Data(many.utf8), nil),
        ]
    }

    static func allPages() -> [(name: String, data: Data, contentType: String?)] {
        FastPathTests.pageData().enumerated().map { ("fixture \($0.offset)", $0.element, nil) } + awkwardPages()
    }

    /// The claims, links and site pages of a page as JSON, for comparing two extractions.
    static func summary(_ extraction: PageExtraction) throws -> Data {
        let encoder = HuellaJSON.encoder(pretty: false)
        return try encoder.encode(extraction.claims) + encoder.encode(extraction.profileLinks) + encoder.encode(extraction.sitePages)
            + encoder.encode(extraction.diagnostics)
    }

    @Test("the arena's address range is reserved on this machine, and libxml2 allocates through the hooks unless told not to")
    func available() {
        #expect(huella_arena_available() == 1)
        #expect(LibXML.arenas == (ProcessInfo.processInfo.environment["HUELLA_XML_ARENA"] != "off"))
    }

    @Test("every page parses to the same document in an arena as with malloc, and gives the same claims")
    func sameDocuments() throws {
        var arenas = 0
        var mixed: [String] = []
        for page in Self.allPages() {
            let encoding = Charset.encoding(for: page.data, contentType: page.contentType)
            let inArena = try #require(HTMLDocument(data: page.data, url: "https://va.test/", encoding: encoding))
            let withMalloc = try #require(HTMLDocument(data: page.data, url: "https://va.test/", encoding: encoding, inArena: false))
            #expect(!withMalloc.arenaState.inArena)
            arenas += inArena.arenaState.inArena ? 1 : 0
            if inArena.arenaState.mixed { mixed.append(page.name) }
            #expect(inArena.serialised() == withMalloc.serialised(), "\(page.name): the documents differ")
            for origin in [ClaimOrigin.website, .profile] {
                let ours = Self.extractor.extract(body: page.data, contentType: page.contentType, url: "https://va.test/", origin: origin, inArena: true)
                let theirs = Self.extractor.extract(body: page.data, contentType: page.contentType, url: "https://va.test/", origin: origin, inArena: false)
                #expect(try Self.summary(ours) == Self.summary(theirs), "\(page.name): the claims differ")
            }
        }
        // With libxml2 on malloc (HUELLA_XML_ARENA=off: the sanitizer's second run), no arena.
        #expect(arenas == (LibXML.arenas ? Self.allPages().count : 0), "a page was not parsed in an arena")
        #expect(mixed == (LibXML.arenas ? ["past a chunk"] : []), "only the page past a chunk has blocks from malloc")
    }

    @Test("pages parsed on several threads at once give each thread's claims")
    func concurrentParses() throws {
        let pages = Self.allPages()
        let expected = try pages.map { try Self.summary(Self.extractor.extract(body: $0.data, contentType: $0.contentType, url: "https://va.test/", origin: .website)) }
        let results = Locked<[Int: Data]>([:])
        DispatchQueue.concurrentPerform(iterations: pages.count * 3) { i in
            let page = pages[i % pages.count]
            let summary = try? Self.summary(Self.extractor.extract(body: page.data, contentType: page.contentType, url: "https://va.test/", origin: .website))
            if summary != expected[i % pages.count] { results.withLock { $0[i] = summary ?? Data() } }
        }
        #expect(results.withLock { $0.isEmpty }, "pages whose claims differed on a thread: \(results.withLock { $0.keys.sorted() })")
    }

    @Test("the allocator: blocks from the arena while it runs, the latest grown in place, frees kept, malloc past a chunk")
    func allocator() throws {
        _ = LibXML.ready
        let arena = try #require(huella_arena_begin())
        defer { huella_arena_release(arena) }
        let first = try #require(huella_xml_malloc(100))
        #expect(huella_arena_owns(first) == 1)
        #expect(Int(bitPattern: first) % 16 == 0)
        memset(first, 0xAB, 100)
        // The latest block grows where it is; an earlier one moves, with its bytes.
        let grown = try #require(huella_xml_realloc(first, 4_000))
        #expect(grown == first)
        let second = try #require(huella_xml_malloc(10))
        let moved = try #require(huella_xml_realloc(first, 8_000))
        #expect(moved != first && huella_arena_owns(moved) == 1)
        #expect(UnsafeRawBufferPointer(start: moved, count: 100).allSatisfy { $0 == 0xAB })
        // Freeing a block of the arena leaves it where it is (a stale pointer freed must not
        // give away a live block's room).
        huella_xml_free(moved)
        huella_xml_free(second)
        let next = try #require(huella_xml_malloc(16))
        #expect(next != moved && next != second)
        #expect(UnsafeRawBufferPointer(start: moved, count: 100).allSatisfy { $0 == 0xAB })
        // A copy of a string, and a block too large for a chunk, which malloc gives.
        let copy = try #require(huella_xml_strdup("Asistente virtual"))
        #expect(String(cString: copy) == "Asistente virtual" && huella_arena_owns(copy) == 1)
        #expect(huella_arena_mixed(arena) == 0)
        let large = try #require(huella_xml_malloc(2 << 20))
        #expect(huella_arena_owns(large) == 0)
        #expect(huella_arena_mixed(arena) == 1)
        huella_xml_free(large)
        // Filling more than a chunk takes more chunks.
        for _ in 0..<300 { _ = huella_xml_malloc(8_000) }
        #expect(huella_arena_size(arena) >= 3 << 20)
        // Once the arena ends, this thread allocates with malloc again, and a block from it
        // grown after the end is moved to malloc.
        huella_arena_end(arena)
        let after = try #require(huella_xml_malloc(64))
        #expect(huella_arena_owns(after) == 0)
        huella_xml_free(after)
        let out = try #require(huella_xml_realloc(copy, 4_096))
        #expect(huella_arena_owns(out) == 0 && String(cString: out.assumingMemoryBound(to: CChar.self)) == "Asistente virtual")
        huella_xml_free(out)
    }

    @Test(
        "an arena at its most chunks (or with the range used up) goes on with malloc: the document is libxml2's, mixed",
        .enabled(if: LibXML.arenas, "libxml2 allocates with malloc in this process"))
    func chunkLimit() throws {
        _ = LibXML.ready
        let page = try #require(Self.awkwardPages().first { $0.name == "many elements" })
        func parse(chunks: Int) throws -> (bytes: [UInt8], mixed: Bool, size: Int) {
            let arena = try #require(huella_arena_begin_limited(chunks))
            let doc = page.data.withUnsafeBytes { raw in
                htmlReadMemory(raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), "https://va.test/", "UTF-8", cxml_html_options())
            }
            huella_arena_end(arena)
            let parsed = try #require(doc)
            var bytes: UnsafeMutablePointer<xmlChar>?
            var count: Int32 = 0
            htmlDocDumpMemory(parsed, &bytes, &count)
            defer { cxml_free(bytes) }
            let mixed = huella_arena_mixed(arena) != 0
            let size = huella_arena_size(arena)
            if mixed { xmlFreeDoc(parsed) }
            huella_arena_release(arena)
            return (Array(UnsafeBufferPointer(start: bytes, count: Int(count))), mixed, size)
        }
        let reference = try #require(HTMLDocument(data: page.data, url: "https://va.test/", encoding: "UTF-8", inArena: false))
        let whole = try parse(chunks: 64)
        let cut = try parse(chunks: 1)
        #expect(!whole.mixed && whole.size > 1 << 20, "the page takes more than one chunk")
        #expect(cut.mixed && cut.size == 1 << 20)
        #expect(whole.bytes == reference.serialised())
        #expect(cut.bytes == reference.serialised())
        #expect(huella_arena_begin_limited(0) == nil)
    }
}
