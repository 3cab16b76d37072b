internal import CLibXML2
import Foundation

/// A parsed HTML page. Owns the libxml2 document; nothing libxml2 leaves this module.
///
/// Not Sendable: a document is parsed, read and freed by one task.
final class HTMLDocument {
    let doc: htmlDocPtr
    /// The page URL, the base for relative links.
    let url: String

    /// Parses bytes with the given encoding (a libxml2 name such as `WINDOWS-1252`),
    /// or lets libxml2 sniff `<meta charset>` when `encoding` is nil.
    init?(data: Data, url: String, encoding: String?) {
        _ = LibXML.ready
        cxml_silence_thread()
        guard !data.isEmpty, data.count < Int(Int32.max) else { return nil }
        let parsed: htmlDocPtr? = data.withUnsafeBytes { raw in
            let base = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            return htmlReadMemory(base, Int32(raw.count), url, encoding, cxml_html_options())
        }
        guard let parsed else { return nil }
        doc = parsed
        self.url = url
    }

    deinit {
        xmlFreeDoc(doc)
    }

    var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

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

    /// The text content of a node and its descendants.
    func text(of node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// An XPath that locates the node (`/html/body/div[2]/p[1]`).
    func path(of node: xmlNodePtr) -> String {
        guard let value = xmlGetNodePath(node) else { return "" }
        defer { cxml_free(value) }
        return String(cString: value)
    }

    /// The `lang` attribute of the root element.
    var language: String? { root.flatMap { attribute("lang", of: $0) } }

    /// Resolves an href against the page URL; nil for non-http(s) results.
    func resolve(_ href: String) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let base = URL(string: url), let resolved = URL(string: trimmed, relativeTo: base)?.absoluteURL,
            let scheme = resolved.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        return resolved.absoluteString
    }
}

/// The plain libxml2 parse huella's extraction is measured against: parse and free, with the
/// same options and encoding choice, nothing else.
public enum PlainParse {
    public static func parse(_ data: Data, contentType: String?) -> Bool {
        HTMLDocument(data: data, url: "https://bench.test/", encoding: Charset.encoding(for: data, contentType: contentType)) != nil
    }
}
