internal import CLibXML2
import Foundation
import HuellaCore

/// Contact routes (email, phone, a contact form) and the privacy and terms pages a site
/// links to, read from the document's links and forms and from its visible text.
struct ContactExtractor {
    let origin: ClaimOrigin

    /// Not after an "@": "@ana@mastodon.social" is a fediverse handle, not an address.
    static let email = Patterns.compile(#"(?<![\w.+@-])([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})(?![\w-])"#)
    /// An address is the run of its characters around the "@". Any character outside ASCII
    /// counts too: the case-insensitive classes hold a few ("ſ", the Kelvin sign).
    static let emailWindow = KeywordWindow(
        keywords: ["@"], reach: .runs(before: { $0 >= 0x80 || isLocalPart(UInt8($0)) }, after: { $0 >= 0x80 || isDomain(UInt8($0)) }))

    private static func isLocalPart(_ byte: UInt8) -> Bool {
        isDomain(byte) || byte == 0x5F || byte == 0x25 || byte == 0x2B  // _ % +
    }

    private static func isDomain(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x2E || byte == 0x2D
    }
    /// After its keyword, a number may open with its area code in parentheses ("Call (512)
    /// 555-0148", "Teléfono: (55) 1234 5678").
    static let phone = Patterns.compile(
        #"(?:\b(?:tel(?:[eé]fono)?|phone|call|ll[aá]m[ae]me|whatsapp|m[oó]vil|celular|cel)\.?:?\s*|(?<![\w+])(?=\+))(\+?\(?\d[\d\s().-]{7,18}\d)"#)
    /// A phone match starts at its keyword (the word before the number, or the number's "+")
    /// and ends at most ~30 characters after it ("teléfono", ".:", a space, 21 of number).
    static let phoneWindow = KeywordWindow(
        keywords: ["+", "tel", "phone", "call", "llam", "whatsapp", "móvil", "movil", "cel"], before: 0, after: 40)
    /// `(?=[pdrg])`: the alternatives' first letters, one test at each position before them.
    /// A cookie policy is not one: it says which cookies a site sets, not how it keeps a
    /// client's personal data.
    static let privacy = Patterns.compile(
        #"(?=[pdrg])(?:privacy|privacidad|protecci[oó]n de datos|datenschutz|\brgpd\b|\bgdpr\b)"#)
    static let terms = Patterns.compile(
        #"terms|t[eé]rminos|condiciones|aviso legal|legal notice|imprint|\blegal\b"#)

    /// Words one of `privacy` or `terms` needs (or the href tests beside them), lower case.
    /// None holds an "s": the regexes' case folding matches "ſ" there, which does not lower to "s".
    static let legalWords = ASCIINeedles(
        ["priva", "protecci", "daten", "rgpd", "gdpr", "term", "rmino", "condicione", "imprint", "legal"])
    /// Words one of which every match of `privacy` holds, and the same for `terms`.
    static let privacyWords = ASCIINeedles(["priva", "protecci", "daten", "rgpd", "gdpr"])
    static let termsWords = ASCIINeedles(["term", "rmino", "condicione", "legal", "imprint"])
    /// A WhatsApp link's href holds one of these.
    static let whatsAppWords = ASCIINeedles(["wa.me/", "api.whatsapp.com/send"])

    /// What a link may state: an address, a number, or a privacy or terms page.
    private enum Route {
        case mail, tel, whatsApp, legal
    }

    func claims(in document: HTMLDocument, text index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        var seen: Set<String> = []
        func add(_ kind: ClaimKind, _ value: String, excerpt: String, locator: String) {
            guard seen.insert("\(kind.rawValue):\(value.lowercased())").inserted else { return }
            claims.append(
                Claim(kind: kind, value: .text(value), origin: origin, url: document.url, excerpt: excerpt, locator: locator))
        }
        // Links whose href and label were read already: what they add does not depend on where
        // they are, only whether they count (pages repeat their header and footer links).
        var decided: Set<HTMLDocument.LinkKey> = []
        for node in document.links {
            // Most links can add nothing: their raw href and text are tested first, before any
            // string is made of them (see `mayAdd`).
            guard Self.mayAdd(node, in: document) else { continue }
            guard let href = document.attribute("href", of: node)?.trimmingSpaces() else { continue }
            let label = document.collapsedText(of: node)
            // What the link may add, from its href and label alone. The href's own bytes are
            // tested without regard to ASCII case: no character outside ASCII lowers into these
            // words, so this is the test of the lowered href.
            let hrefBytes = Array(href.utf8)
            let route: Route
            if Self.hasPrefix(hrefBytes, "mailto:") {
                route = .mail
            } else if Self.hasPrefix(hrefBytes, "tel:") {
                route = .tel
            } else if Self.whatsAppWords.occurs(in: hrefBytes) {
                route = .whatsApp
            } else if Self.legalWords.occurs(inText: label) || Self.legalWords.occurs(inText: href) {
                route = .legal
            } else {
                continue  // most links: nothing to add, wherever they are
            }
            let key = HTMLDocument.LinkKey(href: href, label: label)
            // The navigation test first: it reads names only, the visibility test attributes too.
            guard !decided.contains(key), !document.inMainNavigation(node), document.isVisible(node) else { continue }
            decided.insert(key)
            switch route {
            case .mail:
                let address = String(href.dropFirst(7).prefix { $0 != "?" }).percentDecoded ?? ""
                if address.contains("@") { add(.email, address, excerpt: label.isEmpty ? address : label, locator: document.path(of: node)) }
            case .tel:
                add(.phone, Self.digits(String(href.dropFirst(4))), excerpt: label.isEmpty ? href : label, locator: document.path(of: node))
            case .whatsApp:
                let number = href.lowercased().components(separatedBy: "wa.me/").last.map { String($0.prefix { $0.isNumber }) } ?? ""
                if number.count >= 8 { add(.phone, "+" + number, excerpt: label.isEmpty ? href : label, locator: document.path(of: node)) }
            case .legal:
                let target = document.resolve(href) ?? href
                if Self.privacyWords.occurs(inText: label) || Self.privacyWords.occurs(inText: href),
                    Self.privacy?.firstMatch(in: label + " " + href) != nil
                {
                    add(.privacyPolicy, target, excerpt: label.isEmpty ? href : label, locator: document.path(of: node))
                } else if Self.termsWords.occurs(inText: label) && Self.terms?.firstMatch(in: label) != nil
                    || Self.has(hrefBytes, "terms") || Self.has(hrefBytes, "terminos") || Self.has(hrefBytes, "aviso-legal")
                {
                    add(.terms, target, excerpt: label.isEmpty ? href : label, locator: document.path(of: node))
                }
            }
        }
        for match in index.matches(Self.email, in: Self.emailWindow) {
            let address = index.substring(match.range(at: 1))
            guard !address.lowercased().hasSuffix(".png"), !address.lowercased().hasSuffix(".jpg") else { continue }
            if seen.insert("email:\(address.lowercased())").inserted {
                claims.append(index.claim(.email, .text(address), at: match.range))
            }
        }
        for match in index.matches(Self.phone, in: Self.phoneWindow) {
            let number = Self.digits(index.substring(match.range(at: 1)))
            guard number.filter(\.isNumber).count >= 9, seen.insert("phone:\(number)").inserted else { continue }
            claims.append(index.claim(.phone, .text(number), at: match.range))
        }
        if let form = contactForm(in: document) {
            claims.append(
                Claim(
                    kind: .contactForm, value: .text(document.attribute("action", of: form).flatMap(document.resolve) ?? document.url),
                    origin: origin, url: document.url, excerpt: "<form> with message fields", locator: document.path(of: form)))
        }
        return claims
    }

    /// A form a visitor writes to: a text area, or an email field next to a name or
    /// message field; search boxes and bare newsletter sign-ups do not count.
    func contactForm(in document: HTMLDocument) -> xmlNodePtr? {
        document.elements(named: "form").first { form in
            guard !document.attribute("role", of: form, is: "search") else { return false }
            var email = false
            var name = false
            let hasTextArea = Self.readInputs(of: form, in: document) { field in
                email = email || document.attribute("type", of: field, is: "email") || document.attribute("name", of: field, has: "mail")
                name = name || document.attribute("name", of: field, has: "name") || document.attribute("name", of: field, has: "nombre")
            }
            return (hasTextArea || (email && name)) && document.isVisible(form)
        }
    }

    /// Calls `read` with a form's `input` fields in document order, up to its first text area;
    /// whether it has one (a form a visitor writes a message in).
    static func readInputs(of form: xmlNodePtr, in document: HTMLDocument, _ read: (xmlNodePtr) -> Void) -> Bool {
        for field in document.descendants(of: form) {
            if document.isElement(field, named: "textarea") { return true }
            if document.isElement(field, named: "input") { read(field) }
        }
        return false
    }

    /// The newsletter sign-ups of a page, each as the locator of the small part around it: a
    /// form with an e-mail field and no text area (a contact form has one), said to be for a
    /// list (its class, id or action, or the text around it: "newsletter", "subscribe",
    /// "suscríbete", "boletín", Mailchimp's names), with the heading and lines that introduce
    /// it ("Newsletter", "Un correo al mes…"). The climb from the form takes a parent while
    /// its text (scripts and styles left out) stays within 300 bytes, six parents at most; it
    /// may take an `aside` or a `section` (a widget) but goes no higher, and never takes a
    /// `body`, `main`, `article`, `header`, `footer` or `nav`. The first 64 forms are read.
    static func signUpRegions(in document: HTMLDocument) -> Set<String> {
        var regions: Set<String> = []
        for form in document.elements(named: "form").prefix(64) {
            var email = false
            let hasTextArea = readInputs(of: form, in: document) { field in
                email = email || document.attribute("type", of: field, is: "email") || document.attribute("name", of: field, contains: "mail")
                    || document.attribute("name", of: field, contains: "correo")
            }
            guard email && !hasTextArea else { continue }
            var region = form
            var text = document.shortText(of: form, limit: 300)
            for _ in 0..<6 {
                guard let parent = region.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE,
                    !["body", "main", "article", "header", "footer", "nav", "html"].contains(where: { document.isElement(parent, named: $0) }),
                    let parentText = document.shortText(of: parent, limit: 300)
                else { break }
                region = parent
                text = parentText
                if document.isElement(parent, named: "aside") || document.isElement(parent, named: "section") { break }
            }
            let saysList =
                ["class", "id", "action"].contains { document.attribute($0, of: form, containsAny: listWords) }
                || (text.map { listWords.occurs(inText: $0) } ?? false)
            if saysList { regions.insert(document.path(of: region)) }
        }
        return regions
    }
    private static let listWords = ASCIINeedles([
        "newsletter", "subscri", "suscr", "bolet", "mc4wp", "mailchimp", "list-manage", "mailerlite",
    ])

    /// Whether a link may add a route: its raw href holds a word one of the routes needs
    /// ("mailto:", "tel:", a WhatsApp address, a legal word), or its text a legal word; or
    /// either holds a byte past Latin-1, where lowering (which the route tests may do) could
    /// make one. A superset of the links the routes take: those that pass are decided on their
    /// trimmed href and collapsed text, as before (white space is in no word).
    static func mayAdd(_ node: xmlNodePtr, in document: HTMLDocument) -> Bool {
        document.attribute("href", of: node, mayHold: hrefWords) || document.text(of: node, mayHold: legalWords)
    }
    private static let hrefWords = ASCIINeedles([
        "mailto:", "tel:", "wa.me/", "api.whatsapp.com/send",
        "priva", "protecci", "daten", "rgpd", "gdpr", "term", "rmino", "condicione", "imprint", "legal",
    ])

    /// `String.contains` without Foundation's slow path, for the per-link tests (ASCII case ignored).
    private static func has(_ bytes: [UInt8], _ word: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { ASCIIBytes.containsIgnoringCase($0, word) }
    }

    private static func hasPrefix(_ bytes: [UInt8], _ word: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { ASCIIBytes.hasPrefixIgnoringCase($0, word) }
    }

    /// `+52 (81) 1234-5678` → `+528112345678`.
    static func digits(_ text: String) -> String {
        let kept = text.filter { $0.isNumber || $0 == "+" }
        return kept.hasPrefix("+") ? "+" + kept.dropFirst().filter(\.isNumber) : kept.filter(\.isNumber)
    }
}

/// Testimonials: quotations from clients (a `blockquote`, or a paragraph that opens with
/// a quotation mark), read from visible text only, one claim per quotation.
struct TestimonialExtractor {
    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        var lastQuote = ""
        // The quotations, not the lines that say who said them.
        for i in index.quoted.subtracting(index.attributions).sorted() {
            let block = index.blocks[i]
            // Paragraphs of one blockquote are one testimonial.
            let quote = block.locator.utf8Range(of: "/blockquote").map { String(block.locator[..<$0.upperBound]) } ?? block.locator
            guard block.text.hasAtLeast(40), quote != lastQuote, !Self.isMentionNotice(block.text) else { continue }
            lastQuote = quote
            let excerpt = block.text.hasAtLeast(161) ? String(block.text.prefix(159)) + "…" : block.text
            claims.append(
                Claim(
                    kind: .testimonial, value: .text(excerpt), origin: index.origin, url: index.url, excerpt: excerpt,
                    locator: block.locator))
        }
        return claims
    }

    /// A webmention's notice that another page links here ("Mentioned in “Five résumés done
    /// right”", "Reposted this"): says where the page was named, not what someone says of the VA.
    /// The notice starts with its verb, or names who sent it first ("Jane Doe reposted this").
    static func isMentionNotice(_ text: String) -> Bool {
        // Read on lowered bytes (a notice is ASCII or Latin-1): no String is lowered or searched
        // through Foundation for each quotation of a page.
        let head = [0x20] + text.prefix(80).lowercasedUTF8
        // A notice opens the text (within its first 24 characters: each is shorter than that).
        return mentionNotices.contains { head.dropFirst().starts(with: $0) } || mentionVerbs.contains { TextIndex.contains(head, $0) }
    }
    private static let mentionNotices: [[UInt8]] = ["mentioned in ", "mencionado en ", "mencionada en "].map { Array($0.utf8) }
    private static let mentionVerbs: [[UInt8]] = [
        " mentioned this", " mencionó esto", " linked to this", " bookmarked this", " reposted this", " liked this",
    ].map { Array($0.utf8) }
}
