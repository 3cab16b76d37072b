import HuellaCore

/// The roster's self-reported data as claims, so the rules compare it like any source.
enum SelfReportClaims {
    static func of(_ assistant: Assistant) -> [Claim] {
        let url = assistant.origin
        func claim(_ kind: ClaimKind, _ value: ClaimValue, _ pointer: String) -> Claim {
            Claim(kind: kind, value: value, origin: .selfReport, url: url, excerpt: value.text, locator: pointer)
        }
        var claims: [Claim] = []
        if let name = assistant.name { claims.append(claim(.name, .text(name), "/name")) }
        guard let report = assistant.selfReport else { return claims }
        if let years = report.experienceYears {
            claims.append(claim(.experienceYears, .number(years), "/claims/experienceYears"))
        }
        for (i, skill) in report.skills.enumerated() { claims.append(claim(.skill, .text(skill), "/claims/skills/\(i)")) }
        for (i, degree) in report.education.enumerated() {
            let text = [degree.degree, degree.field, degree.institution].compactMap { $0 }.joined(separator: ", ")
            claims.append(claim(.education, .text(text), "/claims/education/\(i)"))
        }
        for (i, cert) in report.certifications.enumerated() {
            claims.append(claim(.credential, .text(cert.name), "/claims/certifications/\(i)"))
        }
        for (i, language) in report.languages.enumerated() {
            claims.append(claim(.language, .text(language), "/claims/languages/\(i)"))
        }
        return claims
    }
}
