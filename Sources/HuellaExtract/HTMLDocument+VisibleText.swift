internal import CLibXML2

/// A run of visible text and where it is: the XPath of the block element that holds it,
/// computed only when asked (a path costs a walk over the element's siblings).
struct TextBlock {
    var text: String
    /// Inside a quotation: a blockquote, a testimonial or review widget, a comment.
    var quoted: Bool = false
    private let fixedLocator: String?
    private let node: xmlNodePtr?
    private let document: HTMLDocument?

    /// A block with a known locator (text that does not come from a page).
    init(text: String, locator: String, quoted: Bool = false) {
        self.text = text
        self.quoted = quoted
        fixedLocator = locator
        node = nil
        document = nil
    }

    init(text: String, node: xmlNodePtr, document: HTMLDocument, quoted: Bool) {
        self.text = text
        self.quoted = quoted
        fixedLocator = nil
        self.node = node
        self.document = document
    }

    var locator: String {
        if let fixedLocator { return fixedLocator }
        guard let node, let document else { return "" }
        return document.path(of: node)
    }
}

/// What an element is to the text walk, known from its name without making a String:
/// the walk asks this of every element of a page.
struct ElementKind: OptionSet {
    let rawValue: UInt8
    /// Its text is never seen (script, style, nav…).
    static let invisible = ElementKind(rawValue: 1)
    /// It starts a new line of text.
    static let block = ElementKind(rawValue: 2)
    /// Its edges separate words: pages often render a separator between inline elements
    /// with CSS ("ene. 2019</time><span>· 7 años") that the text would otherwise lose.
    static let wordBreak = ElementKind(rawValue: 4)
    /// It holds someone else's words.
    static let quotation = ElementKind(rawValue: 8)
    static let nav = ElementKind(rawValue: 16)
    static let header = ElementKind(rawValue: 32)
    static let footer = ElementKind(rawValue: 64)

    private static let table: NameTable = {
        var table = NameTable()
        func add(_ names: [String], _ kind: ElementKind) {
            for name in names { table.add(NameKey(name), kind) }
        }
        add(["script", "style", "noscript", "template", "title", "head", "svg", "iframe", "object", "canvas", "select", "nav"], .invisible)
        add(["time", "span", "button", "label", "sup", "sub", "img", "input"], .wordBreak)
        add(
            [
                "p", "div", "section", "article", "header", "footer", "main", "aside", "li", "ul", "ol", "h1", "h2",
                "h3", "h4", "h5", "h6", "br", "td", "th", "tr", "table", "blockquote", "dd", "dt", "dl", "form",
                "figure", "figcaption", "address", "pre", "hr", "body", "html",
            ], .block)
        add(["blockquote", "q"], .quotation)
        add(["nav"], .nav)
        add(["header"], .header)
        add(["footer"], .footer)
        return table
    }()

    /// The kind of an element with this (libxml2) name; names are compared without case.
    static func of(_ name: UnsafePointer<xmlChar>?) -> ElementKind {
        guard let name, let key = NameKey(name) else { return [] }
        return table.kind(of: key)
    }

    /// The names the walk knows, in an open-addressed table of 128 slots probed from a
    /// multiplicative hash of the name: the walk asks for every element and every ancestor
    /// of the elements the extractors test, and a `Dictionary` spent most of that in SipHash.
    struct NameTable {
        private var keys = [NameKey?](repeating: nil, count: 128)
        private var kinds = [ElementKind](repeating: [], count: 128)

        private static func slot(_ key: NameKey) -> Int {
            Int(truncatingIfNeeded: ((key.low ^ (key.high &* 0x2545_F491_4F6C_DD1D)) &* 0x9E37_79B9_7F4A_7C15) >> 57)
        }

        mutating func add(_ key: NameKey, _ kind: ElementKind) {
            var i = Self.slot(key)
            while let present = keys[i], present != key { i = (i + 1) & 127 }
            keys[i] = key
            kinds[i].formUnion(kind)
        }

        func kind(of key: NameKey) -> ElementKind {
            var i = Self.slot(key)
            while let present = keys[i] {
                if present == key { return kinds[i] }
                i = (i + 1) & 127
            }
            return []
        }
    }

    /// An element name of up to 16 bytes, lower-cased, packed in two words.
    struct NameKey: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        init?(_ name: UnsafePointer<xmlChar>) {
            var i = 0
            while name[i] != 0 {
                guard i < 16 else { return nil }
                var byte = UInt64(name[i])
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if i < 8 { low |= byte << (8 * UInt64(i)) } else { high |= byte << (8 * UInt64(i - 8)) }
                i += 1
            }
        }

        init(_ name: String) {
            let bytes = Array(name.utf8) + [0]
            self = bytes.withUnsafeBufferPointer { NameKey($0.baseAddress!)! }
        }
    }
}

extension HTMLDocument {
    /// The visible text of the page, split at block elements, without the elements in
    /// `skipped` and what they hold. Iterative, so deep nesting cannot exhaust the stack.
    func visibleTextBlocks(skipping skipped: Set<xmlNodePtr> = []) -> [TextBlock] {
        guard let root else { return [] }
        var blocks: [TextBlock] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        var currentBlock: xmlNodePtr = root
        var quoteDepth = 0
        var quotations: Set<xmlNodePtr> = []  // entered quotation elements, left on the climb

        func flush() {
            // Most flushes find nothing or the white space between two blocks: no string then.
            guard !buffer.allSatisfy(ASCIIBytes.isSpace) else {
                buffer.removeAll(keepingCapacity: true)
                return
            }
            let text = Self.collapse(buffer)
            buffer.removeAll(keepingCapacity: true)
            if !text.isEmpty { blocks.append(TextBlock(text: text, node: currentBlock, document: self, quoted: quoteDepth > 0)) }
        }

        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let kind = ElementKind.of(current.pointee.name)
                // The class test matters only for an element the walk enters (one with children).
                let isSkipped = !skipped.isEmpty && skipped.contains(current)
                if isSkipped { flush() }  // the text on either side is not one run
                if !kind.contains(.invisible), !isSkipped,
                    case let attributes = WalkAttributes(current, classes: current.pointee.children != nil),
                    !attributes.hidden
                {
                    if kind.contains(.block) {
                        flush()
                        currentBlock = current
                    } else if kind.contains(.wordBreak) {
                        buffer.append(0x20)
                    }
                    descend = current.pointee.children != nil
                    if !descend && kind.contains(.block) { currentBlock = enclosingBlock(of: current) ?? root }
                    if descend && (kind.contains(.quotation) || attributes.quotationClass) {
                        flush()
                        quoteDepth += 1
                        quotations.insert(current)
                    }
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    buffer.append(contentsOf: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
                }
            default:
                break
            }
            if descend {
                node = current.pointee.children
                continue
            }
            // Climb until a next sibling exists, closing the blocks we leave.
            var cursor = current
            node = nil
            while cursor != root {
                if let next = cursor.pointee.next {
                    node = next
                    break
                }
                guard let parent = cursor.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { break }
                cursor = parent
                let kind = ElementKind.of(cursor.pointee.name)
                if kind.contains(.block) {
                    flush()
                    currentBlock = enclosingBlock(of: cursor) ?? root
                } else if kind.contains(.wordBreak) {
                    buffer.append(0x20)
                }
                if quotations.remove(cursor) != nil {
                    flush()
                    quoteDepth -= 1
                }
            }
        }
        flush()
        return blocks
    }

    func elementName(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// Whether an element would be shown: no invisible or hidden ancestor (script, template,
    /// noscript, `hidden`, `display:none`, `aria-hidden`).
    func isVisible(_ node: xmlNodePtr) -> Bool {
        var cursor: xmlNodePtr? = node
        while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
            let kind = ElementKind.of(c.pointee.name)
            if kind.contains(.invisible) && !kind.contains(.nav) { return false }
            if WalkAttributes(c, classes: false).hidden { return false }
            cursor = c.pointee.parent
        }
        return true
    }

    /// Whether an element sits in the site's main navigation (a `nav` outside the footer).
    func inMainNavigation(_ node: xmlNodePtr) -> Bool {
        var cursor = node.pointee.parent
        var inNav = false
        while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
            let kind = ElementKind.of(c.pointee.name)
            if kind.contains(.footer) { return false }
            if kind.contains(.nav) { inNav = true }
            cursor = c.pointee.parent
        }
        return inNav
    }

    private func enclosingBlock(of node: xmlNodePtr) -> xmlNodePtr? {
        var cursor = node.pointee.parent
        while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
            if ElementKind.of(c.pointee.name).contains(.block) { return c }
            cursor = c.pointee.parent
        }
        return nil
    }

    /// UTF-8 bytes to a string with white space (Unicode White_Space, including no-break
    /// spaces) collapsed to single spaces and trimmed at both ends. Works on the bytes: the
    /// white space characters outside ASCII are a handful of fixed sequences.
    static func collapse(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { collapse($0) }
    }

    static func collapse(_ b: UnsafeBufferPointer<UInt8>) -> String {
        if isCollapsed(b) { return String(decoding: b, as: UTF8.self) }
        // Written straight into the string's storage (no array in between); the string
        // repairs ill-formed UTF-8 as `String(decoding:as:)` does.
        return String(unsafeUninitializedCapacity: b.count) { out in
            var count = 0
            var pendingSpace = false
            var i = 0
            while i < b.count {
                let width = whiteSpaceWidth(b, at: i)
                if width > 0 {
                    pendingSpace = count > 0
                    i += width
                    continue
                }
                if pendingSpace {
                    out[count] = 0x20
                    count += 1
                }
                pendingSpace = false
                out[count] = b[i]
                count += 1
                i += 1
            }
            return count
        }
    }

    /// A node's text (`text(of:)`) collapsed, read from libxml2's copy of it without a
    /// string and an array in between.
    func collapsedText(of node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { cxml_free(value) }
        return Self.collapse(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
    }

    /// The collapsed text of a node, scripts, styles and other invisible elements left out,
    /// or nil when it holds more than `limit` bytes of text, or more than 2,000 nodes (read
    /// no further: the question is only whether a part of the page is short).
    func shortText(of node: xmlNodePtr, limit: Int) -> String? {
        var bytes: [UInt8] = []
        var visited = 0
        var next = node.pointee.children
        while let current = next {
            visited += 1
            guard visited <= 2_000 else { return nil }
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                descend = current.pointee.children != nil && !ElementKind.of(current.pointee.name).contains(.invisible)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    let count = Int(xmlStrlen(content))
                    guard bytes.count + count <= limit else { return nil }
                    bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: count))
                    bytes.append(0x20)  // text of two elements is two words
                }
            default:
                break
            }
            next = Self.following(current, in: node, descend: descend)
        }
        return Self.collapse(bytes)
    }

    /// Whether the bytes are collapsed already (most text is): white space only as single
    /// ASCII spaces between other characters.
    private static func isCollapsed(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var afterSpace = true  // a space first is one to trim
        var i = 0
        while i < b.count {
            let width = whiteSpaceWidth(b, at: i)
            if width > 0 {
                if width != 1 || b[i] != 0x20 || afterSpace { return false }
                afterSpace = true
            } else {
                afterSpace = false
            }
            i += 1
        }
        return !afterSpace
    }

    /// The length of the UTF-8 white space character at `i`, or 0.
    @inline(__always)
    private static func whiteSpaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let byte = b[i]
        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) { return 1 }
        guard byte >= 0xC2, byte <= 0xE3, i + 1 < b.count else { return 0 }
        let next = b[i + 1]
        switch byte {
        case 0xC2: return next == 0xA0 || next == 0x85 ? 2 : 0  // U+00A0, U+0085
        case 0xE1: return next == 0x9A && i + 2 < b.count && b[i + 2] == 0x80 ? 3 : 0  // U+1680
        case 0xE2:
            guard i + 2 < b.count else { return 0 }
            let last = b[i + 2]
            if next == 0x80 && ((0x80...0x8A).contains(last) || last == 0xA8 || last == 0xA9 || last == 0xAF) { return 3 }  // U+2000–200A, 2028, 2029, 202F
            return next == 0x81 && last == 0x9F ? 3 : 0  // U+205F
        case 0xE3: return next == 0x80 && i + 2 < b.count && b[i + 2] == 0x80 ? 3 : 0  // U+3000
        default: return 0
        }
    }
}

/// The attributes the text walk asks of every element, read in one pass over the
/// element's attribute list, without copying or allocating.
struct WalkAttributes {
    /// `hidden`, `aria-hidden="true"`, or a style with `display:none` / `visibility:hidden`.
    var hidden = false
    /// A class of testimonial and review widgets or microformats comments.
    var quotationClass = false

    /// `classes: false` skips the class test (for visibility alone).
    init(_ node: xmlNodePtr, classes: Bool = true) {
        var attribute = node.pointee.properties
        while let a = attribute {
            defer { attribute = a.pointee.next }
            guard let name = a.pointee.name else { continue }
            // The first letter rules out most attributes (data-*, id, href…) before a name compare.
            switch ASCIIBytes.lower(name[0]) {
            case 0x68 where xmlStrcasecmp(name, "hidden") == 0:  // h
                hidden = true
            case 0x61 where xmlStrcasecmp(name, "aria-hidden") == 0:  // a
                hidden = hidden || Self.value(of: a) { ASCIIBytes.equalsIgnoringCase($0, "true") }
            case 0x73 where xmlStrcasecmp(name, "style") == 0:  // s
                hidden = hidden || Self.value(of: a) { ASCIIBytes.containsIgnoringSpace($0, "display:none") || ASCIIBytes.containsIgnoringSpace($0, "visibility:hidden") }
            case 0x63 where classes && xmlStrcasecmp(name, "class") == 0:  // c
                quotationClass = Self.value(of: a, Self.isQuotationClass)
            default:
                break
            }
        }
    }

    /// Calls `body` with the attribute's value as bytes: straight from the attribute's one
    /// text node when it has one (the usual case), else from a copy.
    static func value(of attribute: xmlAttrPtr, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        if let child = attribute.pointee.children, child.pointee.next == nil, child.pointee.type == XML_TEXT_NODE,
            let content = child.pointee.content
        {
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
        guard let copy = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1) else { return body(.init(start: nil, count: 0)) }
        defer { cxml_free(copy) }
        return body(UnsafeBufferPointer(start: copy, count: Int(xmlStrlen(copy))))
    }

    /// Class tokens of testimonial and review widgets, and of microformats comments.
    static func isQuotationClass(_ classes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most class lists hold none of the words: one scan for their letters decides them.
        guard quotationWords.occurs(in: classes) else { return false }
        var start = 0
        while start < classes.count {
            while start < classes.count && ASCIIBytes.isSpace(classes[start]) { start += 1 }
            var end = start
            while end < classes.count && !ASCIIBytes.isSpace(classes[end]) { end += 1 }
            if end > start {
                let token = UnsafeBufferPointer(rebasing: classes[start..<end])
                if ASCIIBytes.containsIgnoringCase(token, "testimon") || ASCIIBytes.hasPrefixIgnoringCase(token, "review")
                    || ASCIIBytes.containsIgnoringCase(token, "-review") || ASCIIBytes.equalsIgnoringCase(token, "p-comment")
                    || ASCIIBytes.equalsIgnoringCase(token, "h-cite") || ASCIIBytes.equalsIgnoringCase(token, "comment")
                    || ASCIIBytes.hasPrefixIgnoringCase(token, "comment-")
                {
                    return true
                }
            }
            start = end
        }
        return false
    }
}

extension WalkAttributes {
    /// The words one of which every quotation class holds.
    static let quotationWords = ASCIINeedles(["testimon", "review", "comment", "h-cite"])
}

/// A few lower-case ASCII needles looked for in one pass, ignoring case: a table says which
/// needles begin with each byte, so most bytes cost one lookup, and a second which have the
/// next byte as their second, so few candidates are compared.
struct ASCIINeedles: Sendable {
    /// The needles' bytes one after another, and where each one lies among them (one buffer:
    /// a needle taken out of an array of arrays was retained and released at each candidate).
    private let bytes: [UInt8]
    private let bounds: [Range<Int>]
    /// Per byte value, a bit for each needle that starts with it (in either case).
    private let starting: [UInt32]
    /// Per byte value, a bit for each needle whose second byte it is (in either case), and for
    /// each needle of one byte: a candidate must pass both tables.
    private let second: [UInt32]
    /// The needles of one byte, the only candidates at a text's last byte.
    private let singleBytes: UInt32

    /// Up to 32 non-empty needles of lower-case ASCII.
    init(_ words: [String]) {
        precondition(words.count <= 32 && words.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) } })
        var bytes: [UInt8] = []
        var bounds: [Range<Int>] = []
        var starting = [UInt32](repeating: 0, count: 256)
        var second = [UInt32](repeating: 0, count: 256)
        var singleBytes: UInt32 = 0
        for (bit, word) in words.enumerated() {
            bounds.append(bytes.count..<bytes.count + word.utf8.count)
            bytes += word.utf8
            let first = word.utf8.first!
            starting[Int(first)] |= 1 << bit
            if first >= 0x61 && first <= 0x7A { starting[Int(first - 0x20)] |= 1 << bit }
            let utf8 = Array(word.utf8)
            if utf8.count == 1 {
                singleBytes |= 1 << bit
                for byte in 0..<256 { second[byte] |= 1 << bit }
            } else {
                second[Int(utf8[1])] |= 1 << bit
                if utf8[1] >= 0x61 && utf8[1] <= 0x7A { second[Int(utf8[1] - 0x20)] |= 1 << bit }
            }
        }
        self.bytes = bytes
        self.bounds = bounds
        self.starting = starting
        self.second = second
        self.singleBytes = singleBytes
    }

    /// Whether one of the needles occurs in the lowered text (`lowercasedUTF8`). The text's
    /// bytes are searched as they are, ignoring ASCII case: lowering keeps ASCII letters where
    /// they are, so a match there is a match in the lowered text. Where none is found and the
    /// text holds characters past Latin-1, the lowered text is searched too: lowering those
    /// may yield ASCII letters ("K", the Kelvin sign, lowers to "k"); lowering Latin-1 does not.
    func occurs(inText text: String) -> Bool {
        var text = text
        switch text.withUTF8({ search($0, noting: 0xC4) }) {
        case .found: return true
        case .notFound: return false
        case .notFoundPastByte: return occurs(in: text.lowercasedUTF8)
        }
    }

    /// Whether one of the needles may occur in the bytes once lowered: it occurs in them as
    /// they are, or they hold a byte past Latin-1 whose lowering could make one (the case in
    /// which `occurs(inText:)` searches the lowered text too). A superset test, on raw bytes.
    func mayOccur(inLowered bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        search(bytes, noting: 0xC4) != .notFound
    }

    /// Whether one of the needles occurs in the bytes, ignoring ASCII case.
    func occurs(in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { occurs(in: $0) }
    }

    /// Whether one of the needles occurs in the bytes, ignoring ASCII case.
    func occurs(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        search(bytes, noting: 0x100) == .found  // no byte reaches 0x100: nothing to note
    }

    private enum Search {
        case found, notFound, notFoundPastByte
    }

    /// Searches the bytes, noting whether one of them is `noting` or above.
    private func search(_ text: UnsafeBufferPointer<UInt8>, noting limit: Int) -> Search {
        starting.withUnsafeBufferPointer { table in
            second.withUnsafeBufferPointer { second in
                bytes.withUnsafeBufferPointer { needles in
                    bounds.withUnsafeBufferPointer { bounds in
                        var past = false
                        for i in text.indices {
                            let byte = text[i]
                            past = past || Int(byte) >= limit
                            var candidates = table[Int(byte)]
                            guard candidates != 0 else { continue }
                            candidates &= i + 1 < text.count ? second[Int(text[i + 1])] : singleBytes
                            while candidates != 0 {
                                let bit = candidates.trailingZeroBitCount
                                candidates &= candidates - 1
                                let needle = bounds[bit]
                                guard text.count - i >= needle.count else { continue }
                                var j = 1
                                while j < needle.count && ASCIIBytes.lower(text[i + j]) == needles[needle.lowerBound + j] { j += 1 }
                                if j == needle.count { return .found }
                            }
                        }
                        return past ? .notFoundPastByte : .notFound
                    }
                }
            }
        }
    }
}

/// Byte tests on attribute values against ASCII needles, ignoring ASCII case.
enum ASCIIBytes {
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// The value of a hexadecimal digit (either case), or nil.
    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        bytes.count == needle.utf8CodeUnitCount && hasPrefixIgnoringCase(bytes, needle)
    }

    static func hasPrefixIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let p = needle.utf8Start
        for i in 0..<n where lower(bytes[i]) != p[i] { return false }
        return true
    }

    /// Whether the needle (lower case) occurs in the bytes, ignoring case.
    static func containsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        containsIgnoringSpace(bytes, needle, skippingSpaces: false)
    }

    /// Whether the needle (lower case) occurs in the bytes, ignoring case and any white
    /// space between its characters ("display: none").
    static func containsIgnoringSpace(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, skippingSpaces: Bool = true) -> Bool {
        let n = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        guard n > 0 else { return true }
        var i = 0
        while i < bytes.count {
            if lower(bytes[i]) == p[0] {
                var j = 1
                var k = i + 1
                while j < n && k < bytes.count {
                    let byte = lower(bytes[k])
                    if skippingSpaces && isSpace(byte) {
                        k += 1
                    } else if byte == p[j] {
                        j += 1
                        k += 1
                    } else {
                        break
                    }
                }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}
