/// One thing a source says about the VA, with where it was said.
public struct Claim: Sendable, Hashable, Codable {
    /// What is claimed.
    public var kind: ClaimKind
    /// The claimed value, normalised where the kind has a normal form.
    public var value: ClaimValue
    /// Which kind of source said it.
    public var origin: ClaimOrigin
    /// The page (or roster entry) that says it.
    public var url: String
    /// The words on the page, trimmed to a readable excerpt.
    public var excerpt: String
    /// Where in the page: an XPath for HTML, a JSON pointer for structured data.
    public var locator: String

    public init(
        kind: ClaimKind, value: ClaimValue, origin: ClaimOrigin, url: String, excerpt: String,
        locator: String
    ) {
        self.kind = kind
        self.value = value
        self.origin = origin
        self.url = url
        self.excerpt = excerpt
        self.locator = locator
    }
}

/// The kinds of claim huella extracts. The raw values appear in reports and rules.
public enum ClaimKind: String, Sendable, Hashable, Codable, CaseIterable {
    case name
    case jobTitle = "job-title"
    case experienceYears = "experience-years"
    case sinceYear = "since-year"
    case position
    case education
    case credential
    case language
    case skill
    case birthYear = "birth-year"
    case email
    case phone
    case contactForm = "contact-form"
    case legalName = "legal-name"
    case legalForm = "legal-form"
    case taxID = "tax-id"
    case privacyPolicy = "privacy-policy"
    case terms
    case contract
    case confidentiality
    case testimonial
    case superlative
    case guarantee
    case copyrightYear = "copyright-year"
    /// The page is parked, for sale, or a template placeholder.
    case parked
    case sameAs = "same-as"
    case relMe = "rel-me"
    /// A plain link (no `rel="me"`) from the site's header, footer or social widget to a known profile host.
    case profileLink = "profile-link"
}

/// Which kind of source a claim comes from.
public enum ClaimOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// The roster: what the VA reported to whoever runs huella.
    case selfReport = "self-report"
    /// The VA's own website.
    case website
    /// A public profile on another host.
    case profile
    /// Evidence the VA handed over (a LinkedIn data export): theirs, but not self-reported.
    case vaSupplied = "va-supplied"
}
