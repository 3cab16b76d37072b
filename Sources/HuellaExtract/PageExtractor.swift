import Foundation
import HuellaCore

/// Everything one page yields: its claims, the links that may lead to the VA's other
/// profiles, and the problems met on the way.
public struct PageExtraction: Sendable, Hashable {
    public var claims: [Claim]
    /// Profile links the page declares (`rel="me"`, JSON-LD `sameAs`), absolute and deduplicated.
    public var profileLinks: [String]
    public var diagnostics: [Diagnostic]
    /// The page's declared language (`<html lang>`).
    public var language: String?

    public init(claims: [Claim], profileLinks: [String], diagnostics: [Diagnostic], language: String?) {
        self.claims = claims
        self.profileLinks = profileLinks
        self.diagnostics = diagnostics
        self.language = language
    }
}

/// Parses a page with libxml2 and runs every extractor over it.
public struct PageExtractor: Sendable {
    public init() {}

    /// Extracts a page's claims. `url` is the page's final URL (the base for links).
    public func extract(body: Data, contentType: String?, url: String, origin: ClaimOrigin) -> PageExtraction {
        let encoding = Charset.encoding(for: body, contentType: contentType)
        guard
            let document = HTMLDocument(data: body, url: url, encoding: encoding)
                ?? HTMLDocument(data: body, url: url, encoding: nil)
        else {
            let diagnostic = Diagnostic(level: .warning, location: url, message: "the page is empty or not HTML")
            return PageExtraction(claims: [], profileLinks: [], diagnostics: [diagnostic], language: nil)
        }
        let jsonLD = JSONLDExtractor(origin: origin).extract(from: document)
        let blocks = document.visibleTextBlocks()
        var claims = jsonLD.claims
        claims += MicrodataNames(origin: origin).claims(in: document)
        claims += RelMeLinks(origin: origin).claims(in: document)
        claims += ExperiencePatterns(origin: origin, url: url).claims(in: blocks)

        var seen: Set<String> = []
        let links = claims.filter { $0.kind == .sameAs || $0.kind == .relMe }
            .compactMap { document.resolve($0.value.text) }
            .filter { seen.insert(PageKey.of($0)).inserted }
        return PageExtraction(
            claims: claims, profileLinks: links, diagnostics: jsonLD.diagnostics, language: document.language)
    }
}
