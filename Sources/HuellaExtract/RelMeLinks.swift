import HuellaCore

/// `rel="me"` on `a` and `link`: the page says the linked page is the same person.
struct RelMeLinks {
    let origin: ClaimOrigin

    func claims(in document: HTMLDocument) -> [Claim] {
        document.select("//a[@rel and @href]|//link[@rel and @href]").compactMap { node in
            guard let rel = document.attribute("rel", of: node),
                rel.lowercased().split(whereSeparator: { $0.isWhitespace }).contains("me"),
                let href = document.attribute("href", of: node), let target = document.resolve(href)
            else { return nil }
            return Claim(
                kind: .relMe, value: .text(target), origin: origin, url: document.url,
                excerpt: "<\(document.elementName(node)) rel=\"\(rel)\" href=\"\(href)\">",
                locator: document.path(of: node))
        }
    }
}

/// A person's name in schema.org microdata (`itemprop="name"` inside an `itemscope`
/// of type Person), as GitHub and many themes mark up a profile card.
struct MicrodataNames {
    let origin: ClaimOrigin

    func claims(in document: HTMLDocument) -> [Claim] {
        let expression = "//*[@itemscope][contains(@itemtype,'schema.org/Person')]//*[@itemprop='name']"
        guard let node = document.select(expression).first else { return [] }
        let name = HTMLDocument.collapse(Array(document.text(of: node).utf8))
        guard !name.isEmpty, name.count < 200 else { return [] }
        return [
            Claim(
                kind: .name, value: .text(name), origin: origin, url: document.url, excerpt: name,
                locator: document.path(of: node))
        ]
    }
}
