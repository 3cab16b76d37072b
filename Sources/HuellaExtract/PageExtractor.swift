internal import CLibXML2
import Foundation
import HuellaCore

/// Everything one page yields: its claims, the links that may lead to the VA's other
/// profiles, and the problems met on the way.
public struct PageExtraction: Sendable, Hashable, Codable {
    public var claims: [Claim]
    /// Profile links the page declares (`rel="me"`, JSON-LD `sameAs`), absolute and deduplicated.
    public var profileLinks: [String]
    public var diagnostics: [Diagnostic]
    /// The page's declared language (`<html lang>`).
    public var language: String?
    /// Pages of the same site worth reading for claims (about, services, contact, terms),
    /// from the navigation and footer, in page order.
    public var sitePages: [String] = []
    /// What extracted it, as a cache stores it (`Auditor`): claims another build of huella, or
    /// another vocabulary or host list, extracted are not reused.
    public var extractor: String?

    public init(claims: [Claim], profileLinks: [String], diagnostics: [Diagnostic], language: String?) {
        self.claims = claims
        self.profileLinks = profileLinks
        self.diagnostics = diagnostics
        self.language = language
    }
}

/// Parses a page with libxml2 and runs every extractor over it.
public struct PageExtractor: Sendable {
    public let vocabulary: SkillVocabulary
    public let hosts: ProfileHosts

    public init(vocabulary: SkillVocabulary = .empty, hosts: ProfileHosts = .empty) {
        self.vocabulary = vocabulary
        self.hosts = hosts
    }

    /// Extracts a page's claims. `url` is the page's final URL (the base for links).
    public func extract(body: Data, contentType: String?, url: String, origin: ClaimOrigin) -> PageExtraction {
        extract(body: body, contentType: contentType, url: url, origin: origin, inArena: true)
    }

    /// As `extract(body:contentType:url:origin:)`, each stage's time charged to `clock` (for
    /// the benchmark's breakdown; the claims are the same).
    public func extract(body: Data, contentType: String?, url: String, origin: ClaimOrigin, clock: StageClock) -> PageExtraction {
        extract(body: body, contentType: contentType, url: url, origin: origin, inArena: true, clock: clock)
    }

    /// As `extract(body:contentType:url:origin:)`, with the page parsed in an arena or not.
    func extract(body: Data, contentType: String?, url: String, origin: ClaimOrigin, inArena: Bool, clock: StageClock? = nil)
        -> PageExtraction
    {
        clock?.start()
        let inArena = inArena && body.count <= HTMLDocument.arenaPageLimit
        let encoding = Charset.encoding(for: body, contentType: contentType)
        if AttributeCost.exceedsLimit(body, encoding: encoding) {
            let diagnostic = Diagnostic(
                level: .warning, location: url,
                message: "the page is not read: its tags hold more attributes than the parser can check in reasonable time (over \(AttributeCost.limit / 1_000_000) million comparisons; a page built to stall a parser)")
            return PageExtraction(claims: [], profileLinks: [], diagnostics: [diagnostic], language: nil)
        }
        guard
            let document = HTMLDocument(data: body, url: url, encoding: encoding, inArena: inArena)
                ?? fallback(body, url: url, inArena: inArena)
        else {
            let diagnostic = Diagnostic(level: .warning, location: url, message: "the page is empty or not HTML")
            return PageExtraction(claims: [], profileLinks: [], diagnostics: [diagnostic], language: nil)
        }
        clock?.lap("encoding, attribute bound, parse")
        let host = hosts.profileHost(for: url)
        // On a known host's page, the parts about other people are not read for text claims.
        let others = Set((host?.aboutOthers ?? []).flatMap { document.select($0) })
        let index = TextIndex(blocks: document.visibleTextBlocks(skipping: others), url: url, origin: origin)
        clock?.lap("visible text")
        let jsonLD = JSONLDExtractor(origin: origin, vocabulary: vocabulary).extract(from: document)
        clock?.lap("JSON-LD")
        let business = BusinessPatterns().claims(in: index)
        clock?.lap("business identity (and the page's keyword pass)")
        // A known host's own markup comes first: it is the most precise statement on its pages.
        var claims = host.map { HostClaims(host: $0, origin: origin).claims(in: document) } ?? []
        if host?.genericExtraction == false {
            return PageExtraction(claims: claims, profileLinks: [], diagnostics: [], language: document.language)
        }
        claims += jsonLD.claims
        let structuredName = claims.contains { $0.kind == .name }
        claims += MicrodataPerson(origin: origin).claims(in: document)
        claims += Microformats(origin: origin, vocabulary: vocabulary).claims(in: document)
        claims += MetaTags(origin: origin).claims(in: document)
        if !structuredName && !claims.contains(where: { $0.kind == .name }) {
            claims += VisibleName(origin: origin).claims(in: document)
        }
        claims += RelMeLinks(origin: origin).claims(in: document)
        clock?.lap("host markup, microdata, microformats, meta tags, rel=me")
        claims += ContactExtractor(origin: origin).claims(in: document, text: index)
        clock?.lap("contact routes")
        claims += TestimonialExtractor().claims(in: index)
        claims += ExperiencePatterns().claims(in: index)
        claims += PositionPatterns().claims(in: index)
        clock?.lap("testimonials, experience, positions")
        claims += EducationPatterns().claims(in: index)
        clock?.lap("education")
        claims += CredentialPatterns().claims(in: index)
        claims += LanguagePatterns().claims(in: index)
        clock?.lap("certifications, languages")
        claims += SkillMentions(vocabulary: vocabulary).claims(in: index)
        clock?.lap("skills")
        claims += business.claims
        // Platform badges on a profile ("Top Rated") are the platform's words, not the VA's advertising.
        claims += AdvertisingPatterns().claims(in: index).filter { origin == .website || $0.kind == .copyrightYear }
        claims += TermsPatterns().claims(in: index)
        claims += PlaceholderPatterns().claims(in: index)
        claims = Self.withoutFormerEmployersForms(claims)
        clock?.lap("advertising, terms, placeholders")
        // A newsletter sign-up names what it sends ("Newsletter", "Subscribe to my bookkeeping
        // tips"), not what the VA does for clients.
        if claims.contains(where: { $0.kind == .skill }), case let signUps = ContactExtractor.signUpRegions(in: document), !signUps.isEmpty {
            claims.removeAll { $0.kind == .skill && Self.isInside($0.locator, signUps) }
        }
        if host != nil {
            // On a platform's page (a known profile host) the footer speaks for the platform:
            // its legal form, terms and copyright ("© 2026 GitHub, Inc.") are not the VA's.
            claims.removeAll { Self.platformKinds.contains($0.kind) && Locator.isInFooter($0.locator) }
        }
        // A page written in a language is evidence that its author works in it: a page of the
        // VA's own, not a platform's, whose language is the platform's.
        if host == nil, let lang = document.language, let code = LanguagePatterns.code(for: String(lang.prefix(2))) {
            claims.append(
                Claim(
                    kind: .language, value: .language(LanguageSkill(code: code, level: nil)), origin: origin, url: url,
                    excerpt: "<html lang=\"\(lang)\">", locator: "/html/@lang"))
        }

        // Profiles the page points to: rel="me" and sameAs, then plain links to known profile hosts.
        var seen: Set<String> = [PageKey.of(url)]
        let declared = claims.filter { $0.kind == .sameAs || $0.kind == .relMe }.compactMap { document.resolve($0.value.text) }
        var known: [String] = []
        if origin == .website {
            var isProfile: [String: Bool] = [:]  // per target: pages repeat their social links
            for node in Self.socialLinks(in: document) where document.isVisible(node) {
                guard let href = document.attribute("href", of: node), let target = document.resolve(href) else { continue }
                let profile = isProfile[target] ?? (hosts.profileHost(for: target) != nil)
                isProfile[target] = profile
                guard profile else { continue }
                known.append(target)
                claims.append(
                    Claim(kind: .profileLink, value: .text(target), origin: origin, url: url, excerpt: "<a href=\"\(href)\">",
                          locator: document.path(of: node)))
            }
        }
        let links = (declared + known).filter { seen.insert(PageKey.of($0)).inserted }
        clock?.lap("sign-ups, page language, social profile links")
        var extraction = PageExtraction(
            claims: Self.deduplicated(claims), profileLinks: links, diagnostics: jsonLD.diagnostics + business.diagnostics,
            language: document.language)
        clock?.lap("deduplication")
        if origin == .website { extraction.sitePages = SitePages.links(in: document) }
        clock?.lap("site pages")
        return extraction
    }

    /// Whether a locator is one of the paths or under one: a path the locator starts with,
    /// followed by a "/" or nothing (paths are few, a page's sign-up forms: each is compared
    /// in place, where looking up each of the locator's steps made a string of each).
    static func isInside(_ locator: String, _ paths: Set<String>) -> Bool {
        let steps = locator.utf8
        return paths.contains { path in
            guard !path.isEmpty, steps.starts(with: path.utf8) else { return false }
            let end = steps.index(steps.startIndex, offsetBy: path.utf8.count)
            return end == steps.endIndex || steps[end] == UInt8(ascii: "/")
        }
    }

    /// The page parsed as libxml2 reads it unlabelled, when its encoding did not parse: its
    /// own guess from the first bytes, which the attribute bound is read again for.
    private func fallback(_ body: Data, url: String, inArena: Bool) -> HTMLDocument? {
        let guessed = Charset.sniffed(body)
        guard !AttributeCost.exceedsLimit(body, encoding: guessed) else { return nil }
        return HTMLDocument(data: body, url: url, encoding: guessed, inArena: inArena)
    }

    /// A phone's last nine digits: the one number written with and without its country code
    /// ("07700 900412", "+44 7700 900412") has one key.
    private static func phoneKey(_ phone: String) -> String {
        String(phone.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }.suffix(9).map { Character(Unicode.Scalar($0)) })
    }

    /// The claims less the legal forms in the name of an employer the VA has left ("Kestrel
    /// Ledger Ltd" over an ended position): that company's form, not the VA's business. A form
    /// is the employer's when it is in the employer's name and stated in the position's own
    /// list item, or on a line that is the employer's name.
    static func withoutFormerEmployersForms(_ claims: [Claim]) -> [Claim] {
        let former = claims.compactMap { claim -> (organization: String, item: String)? in
            guard case .position(let p) = claim.value, !p.current, let organization = p.organization, !organization.isEmpty else { return nil }
            return (organization, Locator.item(of: claim.locator))
        }
        guard !former.isEmpty else { return claims }
        return claims.filter { claim in
            guard claim.kind == .legalForm else { return true }
            let form = claim.value.text
            let item = Locator.item(of: claim.locator)
            return !former.contains { employer in
                Self.holdsWord(employer.organization, form)
                    && ((!item.isEmpty && item == employer.item) || claim.excerpt.trimmingSpaces().hasPrefix(employer.organization))
            }
        }
    }

    /// Whether `text` holds `word` between non-letters ("Kestrel Ledger Ltd." holds "Ltd";
    /// "Ltdа Holdings" does not).
    static func holdsWord(_ text: String, _ word: String) -> Bool {
        var rest = text[...]
        while let found = rest.utf8Range(of: word) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if before?.isLetter != true && after?.isLetter != true { return true }
            rest = text[found.upperBound...]
        }
        return false
    }

    /// What a platform's footer states about the platform itself.
    private static let platformKinds: Set<ClaimKind> = [.legalForm, .legalName, .taxID, .terms, .privacyPolicy, .copyrightYear, .contract, .confidentiality]

    /// Links where sites put their owner's profiles (header, footer, social widgets); a link in
    /// a testimonial or a blog post may be someone else's profile.
    static func socialLinks(in document: HTMLDocument) -> [xmlNodePtr] {
        document.links { element in
            let kind = ElementKind.of(element.pointee.name)
            if kind.contains(.footer) || kind.contains(.header) { return true }
            return document.attribute("class", of: element, containsAny: socialWords)
        }
    }
    private static let socialWords = ASCIINeedles(["social", "redes"])

    /// The same fact stated twice on one page (JSON-LD and visible text) is one claim;
    /// the structured statement, found first, is kept. Names are the same as people's names
    /// are (`PersonName.key`: no honorifics or particles); any other text by its letters and
    /// digits (`PersonName.textKey`): two phones, addresses or ids are two facts; phones by
    /// their last nine digits, the one number with and without its country code.
    static func deduplicated(_ claims: [Claim]) -> [Claim] {
        // A kind stated once has nothing to repeat: its key is not worked out.
        var counts: [ClaimKind: Int] = [:]
        for claim in claims { counts[claim.kind, default: 0] += 1 }
        struct Key: Hashable {
            var kind: ClaimKind
            var value: String
            var locator: String
        }
        var seen: Set<Key> = []
        seen.reserveCapacity(claims.count)
        return claims.filter { claim in
            guard counts[claim.kind, default: 0] > 1 else { return true }
            let value: String
            switch claim.value {
            case .text(let t) where claim.kind == .name || claim.kind == .legalName: value = PersonName.key(t)
            case .text(let t) where claim.kind == .phone: value = Self.phoneKey(t)
            case .text(let t): value = PersonName.textKey(t)
            case .number(let n): value = String(n)
            default: value = String(decoding: claim.value.text.lowercasedUTF8, as: UTF8.self)
            }
            return seen.insert(Key(kind: claim.kind, value: value, locator: claim.kind == .testimonial ? claim.locator : "")).inserted
        }
    }
}
