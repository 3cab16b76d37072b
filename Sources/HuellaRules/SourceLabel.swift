import Foundation
import HuellaCore

/// How sources are named in messages and keyed in fingerprints.
enum SourceLabel {
    /// A stable key for the source a claim came from: its origin and page, without
    /// scheme, `www.`, query or trailing slash.
    static func sourceKey(_ claim: Claim) -> String {
        claim.origin == .selfReport ? "self-report" : "\(claim.origin.rawValue):\(key(claim.url))"
    }

    static func key(_ url: String) -> String { PageKey.of(url) }

    /// "the self-report", "the website asistente-mjperez.com", "the profile linkedin.com/in/x".
    static func describe(_ claim: Claim, language: MessageLanguage) -> String {
        let page = key(claim.url)
        switch (claim.origin, language) {
        case (.selfReport, .en): return "the self-report"
        case (.selfReport, .es): return "la autodeclaración"
        case (.website, .en): return "the website \(page)"
        case (.website, .es): return "el sitio web \(page)"
        case (.profile, .en): return "the profile \(page)"
        case (.profile, .es): return "el perfil \(page)"
        case (.vaSupplied, .en): return "the data export the VA supplied (\(page))"
        case (.vaSupplied, .es): return "la exportación de datos aportada (\(page))"
        }
    }
}
