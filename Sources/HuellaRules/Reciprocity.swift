import HuellaCore

/// Reciprocal links between the website and each profile: `rel="me"`, JSON-LD `sameAs`,
/// and the profile's own link to the website.
public enum Reciprocity {
    public static func links(of subject: AuditSubject) -> [ProfileLink] {
        guard let website = subject.website, let siteHost = PageKey.host(of: website) else { return [] }
        let fromWebsite = Set(
            subject.claims.filter { $0.origin == .website && ($0.kind == .relMe || $0.kind == .sameAs || $0.kind == .profileLink) }
                .map { PageKey.of($0.value.text) })
        // The profiles' own links, chosen by kind before any URL is parsed (a VA's pages make
        // hundreds of claims; keying each per profile was most of a nightly run with nothing to fetch).
        let profileMeLinks = subject.claims.filter { $0.origin == .profile && ($0.kind == .relMe || $0.kind == .sameAs) }
            .map { (page: PageKey.of($0.url), host: PageKey.host(of: $0.value.text)) }
        return subject.sources.filter { $0.role == .profile }.map { profile in
            let key = PageKey.of(profile.url)
            // A profile discovered on the website was found through a link from it.
            let websiteLinks = profile.discovery == .discovered || fromWebsite.contains(key)
                || profile.finalURL.map { fromWebsite.contains(PageKey.of($0)) } == true
            guard profile.outcome.wasRead else {
                return ProfileLink(profile: profile.url, state: websiteLinks ? .websiteToProfile : .unknown)
            }
            let pages = Set([profile.url, profile.finalURL].compactMap { $0 }.map(PageKey.of))
            let profileLinks = profileMeLinks.contains { pages.contains($0.page) && $0.host == siteHost }
            let state: ProfileLink.State =
                switch (websiteLinks, profileLinks) {
                case (true, true): .both
                case (true, false): .websiteToProfile
                case (false, true): .profileToWebsite
                case (false, false): .none
                }
            return ProfileLink(profile: profile.url, state: state)
        }
    }
}
