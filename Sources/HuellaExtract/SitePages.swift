internal import CLibXML2
import Foundation
import HuellaCore

/// The pages of a VA's site that hold claims: about, services, contact, terms and privacy,
/// found by their link text or path in the navigation, header and footer (English and Spanish).
enum SitePages {
    static let wanted = try? NSRegularExpression(
        pattern: #"about|sobre[- ]?m[ií]|qui[eé]n(?:es)? soy|qui[eé]nes somos|acerca|services|servicios|contact|cont[aá]cta|contacto|terms|t[eé]rminos|condiciones|aviso[- ]legal|legal|privacy|privacidad|cookies|experience|experiencia|trayectoria|resume|cv|curriculum|credentials|credenciales|tarifas|pricing|faq"#,
        options: [.caseInsensitive])

    /// Fragments one of which every alternative of `wanted` holds (lower case): a byte test
    /// that spares most links the regex.
    static let wantedWords = ASCIINeedles([
        "about", "sobre", "qui", "acerca", "servic", "cont", "term", "rminos", "condiciones", "aviso", "legal", "priva", "cookie",
        "experien", "trayectoria", "resume", "cv", "curriculum", "creden", "tarifa", "pricing", "faq",
    ])

    private static let scheme = Array("://".utf8)

    /// `wanted` spelled out for ASCII text, where its accented letters cannot match and ICU's
    /// case folding is ASCII's: the same alternatives as plain words, one of which an ASCII
    /// label holds exactly when `wanted` finds a match in it ("aviso legal" holds "legal",
    /// "contacto" and "contacta" hold "contact").
    static let wantedInASCII = ASCIINeedles([
        "about", "sobre-mi", "sobre mi", "sobremi", "quien soy", "quienes soy", "quienes somos", "acerca", "services", "servicios",
        "contact", "terms", "terminos", "condiciones", "legal", "privacy", "privacidad", "cookies", "experience", "experiencia",
        "trayectoria", "resume", "cv", "curriculum", "credentials", "credenciales", "tarifas", "pricing", "faq",
    ])

    /// Whether a link's label (its text and path) names one of the pages: on the bytes when
    /// it is ASCII, else through `wanted`.
    static func isWanted(_ label: String) -> Bool {
        var label = label
        if let ascii = label.withUTF8({ bytes in bytes.allSatisfy { $0 < 0x80 } ? wantedInASCII.occurs(in: bytes) : nil }) { return ascii }
        return wanted?.firstMatch(in: label) != nil
    }

    static func links(in document: HTMLDocument) -> [String] {
        guard let host = URLParts(document.url)?.host?.lowercased() else { return [] }
        var seen: Set<String> = [PageKeyPath.of(document.url)]
        var found: [String] = []
        // `//nav//a | //header//a | //footer//a | //*[@role='navigation']//a`, with an href.
        let navigation = document.links { element in
            !ElementKind.of(element.pointee.name).isDisjoint(with: [.nav, .header, .footer])
                || document.attribute("role", of: element, equals: "navigation")
        }
        var tried: Set<HTMLDocument.LinkKey> = []  // href and text of links already decided (menus repeat)
        // A relative href may take its word from the page's own path: then every link is read.
        let pageHasWord = wantedWords.occurs(inText: document.url)
        for node in navigation {
            guard pageHasWord || mayBeWanted(node, in: document) else { continue }
            guard let href = document.attribute("href", of: node) else { continue }
            // The words looked for are in the link's text or its (decoded) path: most links
            // are ruled out here, before their visibility is tested or their URL parsed.
            let text = document.text(of: node)
            let decoded = href.percentDecoded ?? href
            // A relative href resolves under the page's own path, which may hold the word ("x.html" on /sobre-mi/).
            let relative = !TextIndex.contains(Array(href.utf8), Self.scheme) && !href.hasPrefix("/")
            guard wantedWords.occurs(inText: text) || wantedWords.occurs(inText: decoded) || (relative && wantedWords.occurs(inText: document.url)),
                document.isVisible(node), tried.insert(HTMLDocument.LinkKey(href: href, label: text)).inserted,
                let target = document.resolve(href), let parts = URLParts(target), parts.host?.lowercased() == host
            else { continue }
            let label = text + " " + parts.path
            guard isWanted(label) else { continue }
            // Skip files and feeds: only pages are read.
            let path = parts.path.lowercased()
            if [".pdf", ".jpg", ".png", ".zip", ".xml", ".doc", ".docx"].contains(where: path.hasSuffix) { continue }
            guard let url = parts.withoutFragment, seen.insert(PageKeyPath.of(url)).inserted else { continue }
            found.append(url)
        }
        return found
    }
}

extension SitePages {
    /// Whether a link's raw href or text holds one of the words, a "%" (its decoded path may)
    /// or a byte past Latin-1 (lowering may make one): a superset of the links whose text or
    /// decoded href `links(in:)` finds a word in, tested before any string is made of them.
    static func mayBeWanted(_ node: xmlNodePtr, in document: HTMLDocument) -> Bool {
        document.attribute("href", of: node, mayHold: wantedWords) || document.attribute("href", of: node, contains: "%")
            || document.text(of: node, mayHold: wantedWords)
    }
}

/// A page's identity for deduplication: host and path, no fragment or trailing slash.
enum PageKeyPath {
    static func of(_ url: String) -> String {
        guard let c = URLParts(url) else { return url }
        var path = c.path
        while path.hasSuffix("/") { path.removeLast() }
        return (c.host ?? "") + path + (c.query.map { "?\($0)" } ?? "")
    }
}
