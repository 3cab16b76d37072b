internal import CHuellaArena
internal import CLibXML2
import Foundation

/// A parsed HTML page. Owns the libxml2 document; nothing libxml2 leaves this module.
///
/// Not Sendable: a document is parsed, read and freed by one task.
final class HTMLDocument {
    let doc: htmlDocPtr
    /// The page URL, the base for relative links.
    let url: String
    /// Where libxml2 built the document (nil: with malloc). The parse is a third faster, and
    /// freeing the tree (a walk and a free per node) becomes giving the chunks back.
    private let arena: OpaquePointer?

    /// The largest page (in bytes as fetched) the extractor parses in an arena. The arena
    /// keeps what the parse frees until the document goes: on pages of 2 MB it held 30 % more
    /// memory than malloc and saved no time (each chunk new to the process, page faults and
    /// all). Pages of 100 KB, the common size, parse a third faster.
    static let arenaPageLimit = 512 * 1024

    /// Parses bytes with the given encoding (a libxml2 name such as `WINDOWS-1252`),
    /// or lets libxml2 sniff `<meta charset>` when `encoding` is nil; in an arena unless
    /// `inArena` is false (then libxml2 allocates with malloc, node by node). `asShipped`
    /// parses as `htmlReadMemory` does, with the table of IDs huella does not read.
    init?(data: Data, url: String, encoding: String?, inArena: Bool = true, asShipped: Bool = false) {
        _ = LibXML.ready
        cxml_silence_thread()
        guard !data.isEmpty, data.count < Int(Int32.max) else { return nil }
        // Windows-1252 is decoded here: iconv stops at the bytes it leaves undefined.
        let (data, encoding) = encoding == "WINDOWS-1252" ? (Charset.windows1252ToUTF8(data), "UTF-8") : (data, encoding)
        // The arena serves this thread's allocations until it ends: the parse, nothing else.
        let arena = inArena && LibXML.arenas ? huella_arena_begin() : nil
        let parsed: htmlDocPtr? = data.withUnsafeBytes { raw in
            let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            return asShipped
                ? htmlReadMemory(base, Int32(raw.count), url, encoding, cxml_html_options())
                : cxml_html_read_memory(base, Int32(raw.count), url, encoding, cxml_html_options())
        }
        // libxml2 keeps a copy of the parse's last error for the thread, in the arena: cleared
        // here (its frees do nothing), so that no pointer into a given-back chunk is kept.
        if arena != nil { xmlResetLastError() }
        huella_arena_end(arena)
        guard let parsed else {
            huella_arena_release(arena)
            return nil
        }
        doc = parsed
        self.arena = arena
        self.url = url
    }

    deinit {
        // A mixed arena's document holds blocks from malloc too (a chunk's worth or more, or
        // the range used up): xmlFreeDoc frees those, and passes over the arena's.
        if arena == nil || huella_arena_mixed(arena) != 0 { xmlFreeDoc(doc) }
        huella_arena_release(arena)
    }

    var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// Whether the document was built in an arena, and all of it there (no block from malloc).
    var arenaState: (inArena: Bool, mixed: Bool) { (arena != nil, arena.map { huella_arena_mixed($0) != 0 } ?? false) }

    /// The document written out as HTML by libxml2 (for comparing two parses).
    func serialised() -> [UInt8] {
        var bytes: UnsafeMutablePointer<xmlChar>?
        var count: Int32 = 0
        htmlDocDumpMemory(doc, &bytes, &count)
        defer { cxml_free(bytes) }
        return bytes.map { Array(UnsafeBufferPointer(start: $0, count: Int(count))) } ?? []
    }

    /// Every element of the page in document order, gathered by one walk on first use. The
    /// extractors filter it in Swift: an XPath query such as `//a[ancestor::footer]` walks the
    /// whole tree again each time, and those queries cost more than parsing the page.
    private(set) lazy var elements: [xmlNodePtr] = root.map { [$0] + descendants(of: $0) } ?? []

    /// The elements inside a node (`.//*`), in document order.
    func descendants(of node: xmlNodePtr) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var next = node.pointee.children
        while let current = next {
            if current.pointee.type == XML_ELEMENT_NODE {
                found.append(current)
                if let child = current.pointee.children {
                    next = child
                    continue
                }
            }
            next = Self.following(current, in: node, descend: false)
        }
        return found
    }

    /// The node after `current` in document order inside `root`: its first child when
    /// `descend` and it has one, else the next sibling of it or of its nearest ancestor below
    /// `root`; nil at the end of `root`.
    @inline(__always) static func following(_ current: xmlNodePtr, in root: xmlNodePtr, descend: Bool) -> xmlNodePtr? {
        if descend, let child = current.pointee.children { return child }
        var cursor = current
        while cursor != root {
            if let sibling = cursor.pointee.next { return sibling }
            guard let parent = cursor.pointee.parent else { return nil }
            cursor = parent
        }
        return nil
    }

    /// Whether one of the element's classes is `name` (case-sensitive, as in microformats).
    func hasClass(_ name: String, _ node: xmlNodePtr) -> Bool {
        var name = name
        return name.withUTF8 { wanted in classTokens(of: node) { Self.equal($0, wanted) } }
    }

    /// Which of two class names the element's class list holds, read once.
    func hasClasses(_ first: String, _ second: String, _ node: xmlNodePtr) -> (Bool, Bool) {
        var (first, second) = (first, second)
        var found = (false, false)
        first.withUTF8 { a in
            second.withUTF8 { b in
                _ = classTokens(of: node) { token in
                    found.0 = found.0 || Self.equal(token, a)
                    found.1 = found.1 || Self.equal(token, b)
                    return found.0 && found.1
                }
            }
        }
        return found
    }

    /// Calls `visit` with each class of the element, token by token (without splitting the
    /// list into an array), until it answers true; whether it did.
    private func classTokens(of node: xmlNodePtr, _ visit: (UnsafeBufferPointer<UInt8>.SubSequence) -> Bool) -> Bool {
        attribute("class", of: node) { classes in
            var start = 0
            while start < classes.count {
                while start < classes.count && ASCIIBytes.isSpace(classes[start]) { start += 1 }
                var end = start
                while end < classes.count && !ASCIIBytes.isSpace(classes[end]) { end += 1 }
                if end > start && visit(classes[start..<end]) { return true }
                start = end
            }
            return false
        }
    }

    private static func equal(_ token: UnsafeBufferPointer<UInt8>.SubSequence, _ wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        token.count == wanted.count && zip(token, wanted).allSatisfy { $0 == $1 }
    }

    /// A link's href and label: links with the same pair are decided once (pages repeat their
    /// menus and footers).
    struct LinkKey: Hashable {
        let href: String
        let label: String
    }

    /// `//a[@href]`, in document order.
    private(set) lazy var links: [xmlNodePtr] = elements.filter { isElement($0, named: "a") && hasAttribute("href", $0) }

    /// The elements with this name (ASCII, any case).
    func elements(named name: String) -> [xmlNodePtr] {
        guard let first = name.utf8.first.map(ASCIIBytes.lower) else { return [] }
        return name.withCString { wanted in
            // The first letter rules out most elements before a name compare.
            elements.filter { node in
                guard let own = node.pointee.name, ASCIIBytes.lower(own[0]) == first else { return false }
                return xmlStrcasecmp(own, UnsafeRawPointer(wanted).assumingMemoryBound(to: xmlChar.self)) == 0
            }
        }
    }

    /// Whether the element's name is `name` (lower-case ASCII), in any case: compared byte by
    /// byte, without making a C string of `name` per call (the extractors ask of every element).
    func isElement(_ node: xmlNodePtr, named name: StaticString) -> Bool {
        guard let own = node.pointee.name else { return false }
        let wanted = name.utf8Start
        for i in 0..<name.utf8CodeUnitCount where ASCIIBytes.lower(own[i]) != wanted[i] { return false }  // own's NUL stops it
        return own[name.utf8CodeUnitCount] == 0
    }

    /// Whether the element has the attribute (its name as written, as `xmlHasProp` compares).
    func hasAttribute(_ name: StaticString, _ node: xmlNodePtr) -> Bool {
        let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        var attribute = node.pointee.properties
        while let a = attribute {
            if let own = a.pointee.name, wanted.indices.allSatisfy({ own[$0] == wanted[$0] }), own[wanted.count] == 0 { return true }
            attribute = a.pointee.next
        }
        return false
    }

    /// Whether an attribute's value contains an ASCII word, ignoring case; no copy is made.
    func attribute(_ name: String, of node: xmlNodePtr, contains needle: StaticString) -> Bool {
        attribute(name, of: node) { ASCIIBytes.containsIgnoringCase($0, needle) }
    }

    /// Whether an attribute's value contains one of the needles (ASCII case ignored), in one
    /// pass; no copy is made.
    func attribute(_ name: String, of node: xmlNodePtr, containsAny needles: ASCIINeedles) -> Bool {
        attribute(name, of: node) { needles.occurs(in: $0) }
    }

    /// The elements the markup extractors start from, gathered in one walk over every
    /// element's attributes (microformats, microdata and `rel="me"` each walked them all).
    struct MarkupElements {
        /// Elements whose class list holds "h-", as every microformats root class does.
        var mayBeRoots: [xmlNodePtr] = []
        /// Elements with an `itemscope` attribute (microdata items).
        var itemScopes: [xmlNodePtr] = []
        /// `a` and `link` elements with an `href` and a `rel` holding the token "me".
        var relMe: [xmlNodePtr] = []
    }

    /// In document order. libxml2's HTML parser writes attribute names in lower case and keeps
    /// one attribute of a name: the first attribute named so is the one `xmlHasProp` finds.
    private(set) lazy var markupElements: MarkupElements = {
        var found = MarkupElements()
        for node in elements {
            var (mayBeRoot, itemScope, href, me) = (false, false, false, false)
            var attribute = node.pointee.properties
            while let a = attribute {
                defer { attribute = a.pointee.next }
                guard let name = a.pointee.name else { continue }
                // The first letter rules out most attributes before a name compare.
                switch name[0] {
                case 0x63 where xmlStrEqual(name, "class") != 0:  // c
                    mayBeRoot = WalkAttributes.value(of: a, Self.holdsRootMark)
                case 0x69 where xmlStrEqual(name, "itemscope") != 0:  // i
                    itemScope = true
                case 0x68 where xmlStrEqual(name, "href") != 0:  // h
                    href = true
                case 0x72 where xmlStrEqual(name, "rel") != 0:  // r
                    me = WalkAttributes.value(of: a) { Self.holdsToken($0, "me") }
                default:
                    break
                }
            }
            if mayBeRoot { found.mayBeRoots.append(node) }
            if itemScope { found.itemScopes.append(node) }
            if me && href && (isElement(node, named: "a") || isElement(node, named: "link")) { found.relMe.append(node) }
        }
        return found
    }()

    /// Whether a class list holds "h-": two bytes looked for in one loop before its classes
    /// are read one by one.
    private static func holdsRootMark(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard value.count >= 2 else { return false }
        for i in 0..<(value.count - 1) where value[i] == 0x68 && value[i + 1] == 0x2D { return true }  // "h-"
        return false
    }

    /// Whether one of the needles may occur in an attribute's value once lowered
    /// (`ASCIINeedles.mayOccur`); no copy is made.
    func attribute(_ name: String, of node: xmlNodePtr, mayHold needles: ASCIINeedles) -> Bool {
        attribute(name, of: node) { needles.mayOccur(inLowered: $0) }
    }

    /// Whether an attribute's value holds a token (split at ASCII white space) equal to an
    /// ASCII word, ignoring case: `rel="nofollow me"` holds "me"; no copy is made.
    func attribute(_ name: String, of node: xmlNodePtr, hasToken word: StaticString) -> Bool {
        attribute(name, of: node) { Self.holdsToken($0, word) }
    }

    /// Whether a value split at ASCII white space holds a token equal to an ASCII word (lower
    /// case), ignoring case.
    static func holdsToken(_ value: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let wanted = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        var start = 0
        while start < value.count {
            while start < value.count && ASCIIBytes.isSpace(value[start]) { start += 1 }
            var end = start
            while end < value.count && !ASCIIBytes.isSpace(value[end]) { end += 1 }
            if end - start == wanted.count && (0..<wanted.count).allSatisfy({ ASCIIBytes.lower(value[start + $0]) == wanted[$0] }) {
                return true
            }
            start = end
        }
        return false
    }

    /// Whether an attribute's value is an ASCII word, ignoring case; no copy is made.
    func attribute(_ name: String, of node: xmlNodePtr, equals word: StaticString) -> Bool {
        attribute(name, of: node) { ASCIIBytes.equalsIgnoringCase($0, word) }
    }

    /// Whether an attribute's value is exactly `value` (as XPath's `@name='value'`).
    func attribute(_ name: String, of node: xmlNodePtr, is value: StaticString) -> Bool {
        attribute(name, of: node) { $0.elementsEqual(UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount)) }
    }

    /// Whether an attribute's value contains `part`, case included (as XPath's `contains(@name, 'part')`).
    func attribute(_ name: String, of node: xmlNodePtr, has part: StaticString) -> Bool {
        let needle = UnsafeBufferPointer(start: part.utf8Start, count: part.utf8CodeUnitCount)
        return attribute(name, of: node) { value in
            value.count >= needle.count && (0...(value.count - needle.count)).contains { at in
                needle.indices.allSatisfy { value[at + $0] == needle[$0] }
            }
        }
    }

    /// Whether the element has the attribute and its value (bytes, not copied) passes the test.
    private func attribute(_ name: String, of node: xmlNodePtr, where test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        guard let attribute = xmlHasProp(node, name) else { return false }
        return WalkAttributes.value(of: attribute, test)
    }

    /// The links (`//a[@href]`) with an ancestor that passes the test, in document order. The
    /// test runs at most once per element (the links of a page share most of their ancestors):
    /// the walk over the elements keeps the chain of open ancestors, each with its answer once
    /// asked, so no answer is looked up by node.
    func links(inside test: (xmlNodePtr) -> Bool) -> [xmlNodePtr] {
        var found: [xmlNodePtr] = []
        var chain: [(node: xmlNodePtr, passes: Bool?)] = []  // from the root down to the parent
        for element in elements {
            let parent = element.pointee.parent
            while let last = chain.last, last.node != parent { chain.removeLast() }
            if isElement(element, named: "a") && hasAttribute("href", element) {
                var i = chain.count - 1
                while i >= 0 {
                    let passes = chain[i].passes ?? test(chain[i].node)
                    chain[i].passes = passes
                    if passes {
                        found.append(element)
                        break
                    }
                    i -= 1
                }
            }
            chain.append((element, nil))
        }
        return found
    }

    /// Whether an ancestor of the node (not the node itself) passes the test.
    func hasAncestor(_ node: xmlNodePtr, where test: (xmlNodePtr) -> Bool) -> Bool {
        var cursor = node.pointee.parent
        while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
            if test(c) { return true }
            cursor = c.pointee.parent
        }
        return false
    }

    /// The element nodes an XPath expression selects, in document order.
    func select(_ expression: String, from node: xmlNodePtr? = nil) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(context) }
        if let node { context.pointee.node = node }
        guard let result = xmlXPathEvalExpression(expression, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
            return []
        }
        return (0..<Int(set.pointee.nodeNr)).compactMap { table[$0] }
    }

    /// An attribute's value, or nil.
    func attribute(_ name: String, of node: xmlNodePtr) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// Whether one of the needles may occur in the node's text once lowered
    /// (`ASCIINeedles.mayOccur`), read from libxml2's copy of it without a string.
    func text(of node: xmlNodePtr, mayHold needles: ASCIINeedles) -> Bool {
        guard let value = xmlNodeGetContent(node) else { return false }
        defer { cxml_free(value) }
        return needles.mayOccur(inLowered: UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
    }

    /// The text content of a node and its descendants.
    func text(of node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// An XPath that locates the node (`/html/body/div[2]/p[1]`), computed once per node:
    /// many claims come from one block.
    ///
    /// An element's path is its parent's (remembered) and one step, written as libxml2's
    /// `xmlGetNodePath` writes it: blocks share their ancestors, and the libxml2 call walks
    /// every ancestor's siblings and formats each step with `snprintf` again for each node.
    func path(of node: xmlNodePtr) -> String {
        if let known = paths[node] { return known }
        // The element ancestors whose paths are not known yet, nearest first.
        var pending: [xmlNodePtr] = []
        var cursor: xmlNodePtr? = node
        var base = ""
        while let c = cursor {
            if let known = paths[c] {
                base = known
                break
            }
            guard Self.isPlainElement(c) else {
                // Anything else (a text node, a namespaced element) as libxml2 says it.
                if c == node { return libxmlPath(of: node) }
                base = libxmlPath(of: c)
                break
            }
            pending.append(c)
            guard let parent = c.pointee.parent else { break }
            if parent.pointee.type == XML_DOCUMENT_NODE || parent.pointee.type == XML_HTML_DOCUMENT_NODE { break }
            cursor = parent
        }
        // Written as bytes, each element's path a string made from them once.
        var bytes = Array(base.utf8)
        var path = base
        for element in pending.reversed() {
            appendStep(of: element, to: &bytes)
            path = String(decoding: bytes, as: UTF8.self)
            paths[element] = path
        }
        return path
    }

    /// An element without a namespace: its step is its name and position.
    private static func isPlainElement(_ node: xmlNodePtr) -> Bool {
        node.pointee.type == XML_ELEMENT_NODE && node.pointee.ns == nil && node.pointee.name != nil
    }

    /// "/name", or "/name[n]" when a sibling element has the same name (n counts from 1 among them).
    private func appendStep(of element: xmlNodePtr, to bytes: inout [UInt8]) {
        let name = element.pointee.name!
        let (position, numbered) = position(of: element)
        bytes.append(0x2F)  // "/"
        var i = 0
        while name[i] != 0 {
            bytes.append(name[i])
            i += 1
        }
        guard numbered else { return }
        bytes.append(0x5B)  // "["
        bytes.append(contentsOf: String(position).utf8)
        bytes.append(0x5D)  // "]"
    }

    /// The element's position among its siblings of the same name (from 1), and whether it
    /// has any. Its siblings are walked up to `siblingWalk` each way; past that the parent's
    /// children are numbered all at once (`numberChildren`): 20,000 list items located one
    /// by one would otherwise walk 200 million siblings.
    private func position(of element: xmlNodePtr) -> (position: Int, numbered: Bool) {
        if let known = siblingPositions[element] { return known }
        let name = element.pointee.name!
        func sameName(_ other: xmlNodePtr) -> Bool {
            other.pointee.type == XML_ELEMENT_NODE && other.pointee.ns == nil && xmlStrEqual(name, other.pointee.name) != 0
        }
        var before = 0
        var walked = 0
        var sibling = element.pointee.prev
        while let s = sibling, walked < Self.siblingWalk {
            if sameName(s) { before += 1 }
            walked += 1
            sibling = s.pointee.prev
        }
        if sibling == nil {
            var numbered = before > 0
            walked = 0
            sibling = element.pointee.next
            while let s = sibling, !numbered, walked < Self.siblingWalk {
                numbered = sameName(s)
                walked += 1
                sibling = s.pointee.next
            }
            if numbered || sibling == nil { return (before + 1, numbered) }
        }
        guard let parent = element.pointee.parent else { return (before + 1, true) }
        numberChildren(of: parent)
        return siblingPositions[element] ?? (before + 1, true)
    }

    private static let siblingWalk = 64

    /// Positions of a parent's many children, worked out in one pass over them.
    private var siblingPositions: [xmlNodePtr: (position: Int, numbered: Bool)] = [:]

    private func numberChildren(of parent: xmlNodePtr) {
        var counts: [String: Int] = [:]
        var numbered: [(node: xmlNodePtr, name: String, position: Int)] = []
        var child = parent.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE && c.pointee.ns == nil, let name = c.pointee.name {
                let key = String(cString: name)
                let position = counts[key, default: 0] + 1
                counts[key] = position
                numbered.append((c, key, position))
            }
            child = c.pointee.next
        }
        for entry in numbered { siblingPositions[entry.node] = (entry.position, counts[entry.name, default: 0] > 1) }
    }

    /// The path as libxml2 writes it (remembered like the others).
    func libxmlPath(of node: xmlNodePtr) -> String {
        guard let value = xmlGetNodePath(node) else { return "" }
        defer { cxml_free(value) }
        let path = String(cString: value)
        paths[node] = path
        return path
    }

    private var paths: [xmlNodePtr: String] = [:]

    /// The `lang` attribute of the root element.
    var language: String? { root.flatMap { attribute("lang", of: $0) } }

    /// Resolves an href against the page URL; nil for non-http(s) results. Remembered per
    /// href: pages repeat their links (header, footer, mobile menu) and a URL parse is dear.
    func resolve(_ href: String) -> String? {
        if let known = resolved[href] { return known }
        let result = resolveUncached(href)
        resolved[href] = result
        return result
    }

    private var resolved: [String: String?] = [:]
    /// The page URL's "scheme://host", when it is plain (`plainOrigin`): the base of the
    /// hrefs that start with "/".
    private lazy var origin: Substring? = Self.plainOrigin(of: url)

    /// What Foundation's resolution gives for the plainest hrefs, worked out on the bytes (a
    /// page's hrefs are most of them, and `URL` parses each in microseconds): an absolute
    /// http(s) URL whose host is letters, digits, dots and hyphens and whose rest holds only
    /// characters a URL allows unencoded (a "%" before two hex digits, one "#") is itself; an
    /// href of that rest starting with one "/", without "." or ".." segments, follows the
    /// page's plain origin. Anything else (nil) is left to Foundation. The tests compare the
    /// two on every href of the fixture pages and on generated ones.
    static func plainResolution(of href: String, origin: Substring?) -> String? {
        let bytes = href.utf8
        guard let first = bytes.first else { return nil }
        if first == 0x2F {  // "/"
            guard let origin, bytes.count == 1 || bytes[bytes.index(after: bytes.startIndex)] != 0x2F,
                plainRest(bytes[...], fromPath: true)
            else { return nil }
            return origin + href
        }
        // Bytes, not characters: a combining mark after the "/" would make "/" and it one
        // character, and the mark would go unread.
        let rest: Substring.UTF8View
        if bytes.starts(with: "https://".utf8) {
            rest = bytes.dropFirst(8)
        } else if bytes.starts(with: "http://".utf8) {
            rest = bytes.dropFirst(7)
        } else {
            return nil
        }
        let hostEnd = rest.firstIndex(where: Self.endsHost) ?? rest.endIndex
        guard hostEnd > rest.startIndex, rest[..<hostEnd].allSatisfy(Self.isHostByte), plainRest(rest[hostEnd...], fromPath: false)
        else { return nil }
        return href
    }

    /// "scheme://host" of a URL whose start `plainResolution` takes as it is (http or https, a
    /// plain host), or nil.
    static func plainOrigin(of url: String) -> Substring? {
        guard plainResolution(of: url, origin: nil) != nil else { return nil }
        let afterScheme = url.utf8.index(url.utf8.firstIndex(of: 0x3A)!, offsetBy: 3)  // past "://"
        let end = url.utf8[afterScheme...].firstIndex(where: endsHost) ?? url.utf8.endIndex
        return url[..<end]
    }

    /// Where a URL's host ends: "/", "?" or "#".
    private static func endsHost(_ byte: UInt8) -> Bool { byte == 0x2F || byte == 0x3F || byte == 0x23 }

    private static func isHostByte(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x2D
    }

    /// Whether a URL's path, query and fragment hold only what Foundation keeps as it is:
    /// unreserved and sub-delimiter characters, ":", "@", "/", "?", a "%" before two hex
    /// digits, at most one "#"; from a path (`fromPath`), no "." or ".." segment either.
    private static func plainRest(_ bytes: Substring.UTF8View.SubSequence, fromPath: Bool) -> Bool {
        var fragment = false
        var inPath = fromPath
        var segmentStart = bytes.startIndex
        var i = bytes.startIndex
        func endsDotSegment(_ end: Substring.UTF8View.Index) -> Bool {
            let segment = bytes[segmentStart..<end]
            return segment.elementsEqual([0x2E]) || segment.elementsEqual([0x2E, 0x2E])
        }
        while i < bytes.endIndex {
            let byte = bytes[i]
            switch byte {
            case 0x61...0x7A, 0x41...0x5A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E,  // unreserved
                0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D,  // sub-delimiters
                0x3A, 0x40:  // : @
                break
            case 0x2F:  // /
                if inPath && endsDotSegment(i) { return false }
                segmentStart = bytes.index(after: i)
            case 0x3F:  // ?
                if inPath && endsDotSegment(i) { return false }
                inPath = false
            case 0x23:  // #
                if fragment || (inPath && endsDotSegment(i)) { return false }
                fragment = true
                inPath = false
            case 0x25:  // %
                let a = bytes.index(after: i)
                guard a < bytes.endIndex, bytes.index(after: a) < bytes.endIndex,
                    ASCIIBytes.hexValue(bytes[a]) != nil, ASCIIBytes.hexValue(bytes[bytes.index(after: a)]) != nil
                else { return false }
            default:
                return false
            }
            i = bytes.index(after: i)
        }
        return !(inPath && endsDotSegment(i))
    }

    /// The page URL parsed once, the base of every href.
    private lazy var base = URL(string: url)

    private func resolveUncached(_ href: String) -> String? {
        let trimmed = href.trimmingSpacesAndNewlines()
        guard let base else { return nil }
        if let plain = Self.plainResolution(of: trimmed, origin: origin) { return plain }
        guard let resolved = URL(string: trimmed, relativeTo: base)?.absoluteURL,
            let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        return resolved.absoluteString
    }
}

/// The plain libxml2 parse huella's extraction is measured against: `htmlReadMemory` and
/// free, with the same options and encoding choice, nothing else — and libxml2's memory from
/// malloc, node by node, as any program using libxml2 has it (huella's own parses use an
/// arena, and leave out the table of IDs).
public enum PlainParse {
    /// `inArena`: huella's own parse instead (for showing what the arena saves).
    public static func parse(_ data: Data, contentType: String?, inArena: Bool = false) -> Bool {
        HTMLDocument(
            data: data, url: "https://bench.test/", encoding: Charset.encoding(for: data, contentType: contentType), inArena: inArena,
            asShipped: !inArena) != nil
    }
}
