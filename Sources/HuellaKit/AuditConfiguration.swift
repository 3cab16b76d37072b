import HuellaExtract
import HuellaFetch
import HuellaRules

/// Everything an audit needs to run, decided before it starts. Immutable.
public struct AuditConfiguration: Sendable {
    public var fetch: FetchOptions
    public var language: MessageLanguage
    /// Assistants audited at once.
    public var assistantConcurrency: Int
    /// Most profile pages fetched per assistant (declared and discovered together).
    public var maxProfilesPerAssistant: Int
    /// Pages of the website read beyond its home page (about, services, contact, terms).
    public var sitePageBudget: Int = 4
    /// The skills vocabulary claims are normalised with.
    public var vocabulary: SkillVocabulary
    /// The known profile hosts: discovery, host-specific claims and refusal signals.
    public var hosts: ProfileHosts

    public init(
        fetch: FetchOptions = FetchOptions(), language: MessageLanguage = .en, assistantConcurrency: Int = 16,
        maxProfilesPerAssistant: Int = 12, vocabulary: SkillVocabulary = .empty, hosts: ProfileHosts = .empty
    ) {
        self.vocabulary = vocabulary
        self.hosts = hosts
        self.fetch = fetch
        self.language = language
        self.assistantConcurrency = assistantConcurrency
        self.maxProfilesPerAssistant = maxProfilesPerAssistant
    }
}
