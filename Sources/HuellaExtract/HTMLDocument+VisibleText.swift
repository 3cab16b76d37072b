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

extension HTMLDocument {
    /// Elements whose text a visitor never sees.
    private static let invisible: Set<String> = [
        "script", "style", "noscript", "template", "title", "head", "svg", "iframe", "object", "canvas",
        "select", "nav",
    ]
    /// Inline elements whose edges separate words: pages often render a separator between
    /// them with CSS ("ene. 2019</time><span>· 7 años") that the text would otherwise lose.
    private static let wordBreaks: Set<String> = ["time", "span", "button", "label", "sup", "sub", "img", "input"]
    /// Elements that start a new line of text.
    private static let blocks: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "li", "ul", "ol", "h1", "h2",
        "h3", "h4", "h5", "h6", "br", "td", "th", "tr", "table", "blockquote", "dd", "dt", "dl", "form",
        "figure", "figcaption", "address", "pre", "hr", "body", "html",
    ]

    /// The visible text of the page, split at block elements. Iterative, so deep
    /// nesting cannot exhaust the stack.
    func visibleTextBlocks() -> [TextBlock] {
        guard let root else { return [] }
        var blocks: [TextBlock] = []
        var buffer: [UInt8] = []
        var currentBlock: xmlNodePtr = root
        var quoteDepth = 0

        func flush() {
            let text = Self.collapse(buffer)
            buffer.removeAll(keepingCapacity: true)
            if !text.isEmpty { blocks.append(TextBlock(text: text, node: currentBlock, document: self, quoted: quoteDepth > 0)) }
        }

        var node: xmlNodePtr? = root
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = elementName(current)
                if !Self.invisible.contains(name) && !isHidden(current) {
                    if Self.blocks.contains(name) {
                        flush()
                        currentBlock = current
                    } else if Self.wordBreaks.contains(name) {
                        buffer.append(0x20)
                    }
                    descend = current.pointee.children != nil
                    if !descend && Self.blocks.contains(name) { currentBlock = enclosingBlock(of: current) ?? root }
                    if descend && isQuotation(current, name: name) {
                        flush()
                        quoteDepth += 1
                    }
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content {
                    var p = content
                    while p.pointee != 0 {
                        buffer.append(p.pointee)
                        p += 1
                    }
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
                let name = elementName(cursor)
                if Self.blocks.contains(name) {
                    flush()
                    currentBlock = enclosingBlock(of: cursor) ?? root
                } else if Self.wordBreaks.contains(name) {
                    buffer.append(0x20)
                }
                if isQuotation(cursor, name: name) {
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

    /// Elements that hold someone else's words: blockquotes, testimonial and review widgets,
    /// microformats comments.
    private func isQuotation(_ node: xmlNodePtr, name: String) -> Bool {
        if name == "blockquote" || name == "q" { return true }
        guard let classes = attribute("class", of: node)?.lowercased() else { return false }
        return classes.split(separator: " ").contains { token in
            token.contains("testimon") || token.hasPrefix("review") || token.contains("-review") || token == "p-comment"
                || token == "h-cite" || token == "comment" || token.hasPrefix("comment-")
        }
    }

    /// Whether an element would be shown: no invisible or hidden ancestor (script, template,
    /// noscript, `hidden`, `display:none`, `aria-hidden`).
    func isVisible(_ node: xmlNodePtr) -> Bool {
        var cursor: xmlNodePtr? = node
        while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
            if Self.invisible.contains(elementName(c)) && elementName(c) != "nav" { return false }
            if isHidden(c) { return false }
            cursor = c.pointee.parent
        }
        return true
    }

    /// Whether an element sits in the site's main navigation (a `nav` outside the footer).
    func inMainNavigation(_ node: xmlNodePtr) -> Bool {
        var cursor = node.pointee.parent
        var inNav = false
        while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
            let name = elementName(c)
            if name == "footer" { return false }
            if name == "nav" || name == "header" { inNav = inNav || name == "nav" }
            cursor = c.pointee.parent
        }
        return inNav
    }

    private func enclosingBlock(of node: xmlNodePtr) -> xmlNodePtr? {
        var cursor = node.pointee.parent
        while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
            if Self.blocks.contains(elementName(c)) { return c }
            cursor = c.pointee.parent
        }
        return nil
    }

    private func isHidden(_ node: xmlNodePtr) -> Bool {
        if xmlHasProp(node, "hidden") != nil { return true }
        if let aria = attribute("aria-hidden", of: node), aria.lowercased() == "true" { return true }
        if let style = attribute("style", of: node) {
            let compact = style.lowercased().filter { !$0.isWhitespace }
            if compact.contains("display:none") || compact.contains("visibility:hidden") { return true }
        }
        return false
    }

    /// UTF-8 bytes to a string with whitespace (including no-break spaces) collapsed.
    static func collapse(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
