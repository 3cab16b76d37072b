/// How a profile and the website link to each other.
public struct ProfileLink: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Hashable, Codable {
        /// Each links to the other.
        case both
        /// Only the website links to the profile.
        case websiteToProfile = "website-to-profile"
        /// Only the profile links to the website.
        case profileToWebsite = "profile-to-website"
        /// Neither links to the other.
        case none
        /// The profile could not be read, so only the website's side is known.
        case unknown
    }

    public var profile: String
    public var state: State

    public init(profile: String, state: State) {
        self.profile = profile
        self.state = state
    }
}
