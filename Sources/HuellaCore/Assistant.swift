/// One VA to audit: who they say they are, where they say their footprint is,
/// and what they self-reported.
public struct Assistant: Sendable, Hashable, Codable {
    /// The caller's id for the VA (`va-01`); for URL lists, derived from the line.
    public var id: String
    /// The name the VA reported, if any.
    public var name: String?
    /// The VA's declared website.
    public var website: String?
    /// Declared profile pages.
    public var profiles: [String]
    /// What the VA self-reported; `nil` when only a URL is known.
    public var selfReport: SelfReport?
    /// Where this entry came from, for messages (`roster.json: assistants[2]`).
    public var origin: String
    /// Files the VA supplied (LinkedIn data exports), as paths.
    public var evidence: [String]
    /// A URI reference to the entry (`roster.json#/assistants/2`), where self-reported claims point.
    public var reference: String

    public init(
        id: String, name: String? = nil, website: String? = nil, profiles: [String] = [],
        selfReport: SelfReport? = nil, origin: String, evidence: [String] = [], reference: String? = nil
    ) {
        self.evidence = evidence
        self.reference = reference ?? origin
        self.id = id
        self.name = name
        self.website = website
        self.profiles = profiles
        self.selfReport = selfReport
        self.origin = origin
    }
}

/// The claims a VA made about themselves in the roster.
public struct SelfReport: Sendable, Hashable, Codable {
    public var experienceYears: Int?
    public var skills: [String]
    public var education: [Education]
    public var certifications: [Certification]
    public var languages: [String]

    public init(
        experienceYears: Int? = nil, skills: [String] = [], education: [Education] = [],
        certifications: [Certification] = [], languages: [String] = []
    ) {
        self.experienceYears = experienceYears
        self.skills = skills
        self.education = education
        self.certifications = certifications
        self.languages = languages
    }

    private enum CodingKeys: String, CodingKey {
        case experienceYears, skills, education, certifications, languages
    }

    /// Every field may be absent from a roster entry.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        experienceYears = try c.decodeIfPresent(Int.self, forKey: .experienceYears)
        skills = try c.decodeIfPresent([String].self, forKey: .skills) ?? []
        education = try c.decodeIfPresent([Education].self, forKey: .education) ?? []
        certifications = try c.decodeIfPresent([Certification].self, forKey: .certifications) ?? []
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
    }

    /// A degree as self-reported.
    public struct Education: Sendable, Hashable, Codable {
        public var degree: String?
        public var field: String?
        public var institution: String?
        public var year: Int?

        public init(degree: String? = nil, field: String? = nil, institution: String? = nil, year: Int? = nil) {
            self.degree = degree
            self.field = field
            self.institution = institution
            self.year = year
        }
    }

    /// A certification as self-reported.
    public struct Certification: Sendable, Hashable, Codable {
        public var name: String
        public var issuer: String?

        public init(name: String, issuer: String? = nil) {
            self.name = name
            self.issuer = issuer
        }
    }
}
