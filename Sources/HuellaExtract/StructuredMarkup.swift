internal import CLibXML2
import Foundation
import HuellaCore

/// `rel="me"` on `a` and `link`: the page says the linked page is the same person.
struct RelMeLinks {
    let origin: ClaimOrigin

    func claims(in document: HTMLDocument) -> [Claim] {
        document.markupElements.relMe.compactMap { node in
            guard let rel = document.attribute("rel", of: node), let href = document.attribute("href", of: node),
                let target = document.resolve(href)
            else { return nil }
            return Claim(
                kind: .relMe, value: .text(target), origin: origin, url: document.url,
                excerpt: "<\(document.elementName(node)) rel=\"\(rel)\" href=\"\(href)\">",
                locator: document.path(of: node))
        }
    }
}

/// schema.org microdata for a Person (`itemscope itemtype=…/Person`), as GitHub and many
/// themes mark up a profile card.
struct MicrodataPerson {
    let origin: ClaimOrigin

    func claims(in document: HTMLDocument) -> [Claim] {
        guard
            let person = document.markupElements.itemScopes.first(where: { node in
                document.attribute("itemtype", of: node, has: "schema.org/Person")
            })
        else { return [] }
        var claims: [Claim] = []
        // Properties of this item, not of an item nested in it (`.//*[@itemprop]` walked in
        // Swift: an XPath query walks the subtree again through libxml2's evaluator).
        let ownProperties = document.descendants(of: person).filter { node in
            guard document.hasAttribute("itemprop", node) else { return false }
            var cursor = node.pointee.parent
            while let c = cursor, c.pointee.type == XML_ELEMENT_NODE {
                if xmlHasProp(c, "itemscope") != nil { return c == person }
                cursor = c.pointee.parent
            }
            return false
        }
        // Each property under each name its `itemprop` lists, in page order: read once, not
        // once per name asked for.
        var byName: [Substring: [xmlNodePtr]] = [:]
        for node in ownProperties {
            for name in (document.attribute("itemprop", of: node) ?? "").split(separator: " ") where byName[name]?.last != node {
                byName[name, default: []].append(node)
            }
        }
        func props(_ name: String) -> [xmlNodePtr] {
            byName[Substring(name)] ?? []
        }
        func value(_ node: xmlNodePtr) -> String {
            let attribute = ["content", "href", "datetime"].lazy.compactMap { document.attribute($0, of: node) }.first
            return attribute ?? document.collapsedText(of: node)
        }
        func add(_ kind: ClaimKind, _ v: ClaimValue, _ node: xmlNodePtr, _ excerpt: String) {
            claims.append(
                Claim(kind: kind, value: v, origin: origin, url: document.url, excerpt: excerpt, locator: document.path(of: node)))
        }
        if let node = props("name").first {
            let name = value(node)
            if !name.isEmpty && name.count < 200 { add(.name, .text(name), node, name) }
        }
        if let node = props("jobTitle").first { add(.jobTitle, .text(value(node)), node, value(node)) }
        for node in props("email") {
            let address = value(node).replacingOccurrences(of: "mailto:", with: "")
            if address.contains("@") { add(.email, .text(address), node, address) }
        }
        for node in props("telephone") { add(.phone, .text(ContactExtractor.digits(value(node))), node, value(node)) }
        for node in props("sameAs") {
            if let url = document.resolve(value(node)) { add(.sameAs, .text(url), node, url) }
        }
        for node in props("knowsLanguage") {
            if let code = LanguagePatterns.code(for: value(node)) {
                add(.language, .language(LanguageSkill(code: code, level: nil)), node, value(node))
            }
        }
        for node in props("alumniOf") {
            let nested = document.select(".//*[@itemprop='name']", from: node).first.map(value) ?? value(node)
            guard !nested.isEmpty else { continue }
            add(.education, .degree(Degree(level: nil, field: nil, institution: nested, status: .completed, year: nil)), node, nested)
        }
        return claims
    }

}

/// Microformats2: the representative `h-card` (name, email, phone, job title) and an
/// `h-resume` (experience and education as `h-event`s with `dt-start`/`dt-end`, skills).
struct Microformats {
    let origin: ClaimOrigin
    let vocabulary: SkillVocabulary

    func claims(in document: HTMLDocument) -> [Claim] {
        var claims: [Claim] = []
        func add(_ kind: ClaimKind, _ v: ClaimValue, _ node: xmlNodePtr, _ excerpt: String) {
            claims.append(
                Claim(kind: kind, value: v, origin: origin, url: document.url, excerpt: excerpt, locator: document.path(of: node)))
        }
        func first(_ property: String, in node: xmlNodePtr) -> (xmlNodePtr, String)? {
            guard let found = document.descendants(of: node).first(where: { document.hasClass(property, $0) }) else { return nil }
            // mf2 parsing rules: u-* read href/src, dt-* read datetime, p-* read the text (or a title/value).
            let attributes =
                property.hasPrefix("u-") ? ["href", "src", "value"] : property.hasPrefix("dt-") ? ["datetime", "value", "title"] : ["value", "title"]
            let value = attributes.lazy.compactMap { document.attribute($0, of: found) }.first
                ?? document.collapsedText(of: found)
            return (found, value)
        }
        // One pass for both roots: the first h-card outside a résumé, and every h-resume.
        var card: xmlNodePtr?
        var resumes: [xmlNodePtr] = []
        for node in document.markupElements.mayBeRoots {
            let (isCard, isResume) = document.hasClasses("h-card", "h-resume", node)
            if isResume { resumes.append(node) }
            if isCard, card == nil, !document.hasAncestor(node, where: { document.hasClass("h-resume", $0) }) { card = node }
        }
        if let card {
            if let (node, name) = first("p-name", in: card), !name.isEmpty { add(.name, .text(name), node, name) }
            if let (node, title) = first("p-job-title", in: card), !title.isEmpty { add(.jobTitle, .text(title), node, title) }
            if let (node, mail) = first("u-email", in: card) {
                let address = mail.replacingOccurrences(of: "mailto:", with: "")
                if address.contains("@") { add(.email, .text(address), node, address) }
            }
            if let (node, tel) = first("p-tel", in: card) { add(.phone, .text(ContactExtractor.digits(tel)), node, tel) }
        }
        for resume in resumes {
            let inside = document.descendants(of: resume)
            for event in inside where document.hasClass("p-experience", event) {
                let title = first("p-name", in: event)?.1
                let org = first("p-org", in: event)?.1 ?? first("p-location", in: event)?.1
                let start = first("dt-start", in: event).flatMap { YearMonth($0.1) }
                let endText = first("dt-end", in: event)?.1
                let end = endText.flatMap { YearMonth($0) }
                let position = Position(title: title, organization: org, start: start, end: end, current: end == nil)
                add(.position, .position(position), event, position.description)
            }
            for event in inside where document.hasClass("p-education", event) {
                let name = first("p-name", in: event)?.1 ?? ""
                let org = first("p-org", in: event)?.1 ?? first("p-location", in: event)?.1
                let end = first("dt-end", in: event).flatMap { YearMonth($0.1) }
                let level = EducationLevel.of(name)
                let degree = Degree(
                    level: level, name: name.isEmpty ? nil : name, field: EducationLevel.field(in: name), institution: org,
                    status: (end?.year ?? 0) > Patterns.currentYear ? .inProgress : .completed, year: end?.year)
                add(.education, .degree(degree), event, name)
            }
            for node in inside where document.hasClass("p-skill", node) {
                let label = document.collapsedText(of: node)
                let ids = vocabulary.ids(for: label)
                for id in ids.isEmpty ? [label] : ids { add(.skill, .text(id), node, label) }
            }
        }
        return claims
    }
}

/// OpenGraph profile tags (`profile:first_name`, `profile:last_name`).
struct MetaTags {
    let origin: ClaimOrigin

    func claims(in document: HTMLDocument) -> [Claim] {
        var values: [String: (String, xmlNodePtr)] = [:]
        for node in document.elements(named: "meta") where document.hasAttribute("content", node) {
            guard let key = (document.attribute("property", of: node) ?? document.attribute("name", of: node))?.lowercased(),
                let content = document.attribute("content", of: node)
            else { continue }
            if values[key] == nil { values[key] = (content, node) }
        }
        guard let (first, node) = values["profile:first_name"] else { return [] }
        let name = [first, values["profile:last_name"]?.0].compactMap { $0 }.joined(separator: " ")
        return [
            Claim(kind: .name, value: .text(name), origin: origin, url: document.url, excerpt: name, locator: document.path(of: node))
        ]
    }
}
