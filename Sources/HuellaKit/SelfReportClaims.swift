import HuellaCore
import HuellaExtract

/// The roster's self-reported data as claims, normalised like page claims (skills to
/// vocabulary ids, degrees to levels, languages to codes), so the rules compare them alike.
enum SelfReportClaims {
    static func of(_ assistant: Assistant, vocabulary: SkillVocabulary) -> [Claim] {
        let url = assistant.reference
        func claim(_ kind: ClaimKind, _ value: ClaimValue, _ pointer: String, _ excerpt: String? = nil) -> Claim {
            Claim(kind: kind, value: value, origin: .selfReport, url: url, excerpt: excerpt ?? value.text, locator: pointer)
        }
        var claims: [Claim] = []
        if let name = assistant.name { claims.append(claim(.name, .text(name), "/name")) }
        guard let report = assistant.selfReport else { return claims }
        if let years = report.experienceYears {
            claims.append(claim(.experienceYears, .number(years), "/claims/experienceYears"))
        }
        for (i, skill) in report.skills.enumerated() {
            claims.append(claim(.skill, .text(vocabulary.id(for: skill) ?? skill), "/claims/skills/\(i)", skill))
        }
        for (i, entry) in report.education.enumerated() {
            let words = [entry.degree, entry.field.map { "en \($0)" }].compactMap { $0 }.joined(separator: " ")
            let degree = Degree(
                level: entry.degree.flatMap(EducationLevel.of), name: entry.degree, field: entry.field,
                institution: entry.institution, status: .completed, year: entry.year)
            let excerpt = [words, entry.institution, entry.year.map(String.init)].compactMap { $0 }.joined(separator: ", ")
            claims.append(claim(.education, .degree(degree), "/claims/education/\(i)", excerpt))
        }
        for (i, cert) in report.certifications.enumerated() {
            claims.append(
                claim(.credential, .credential(Credential(name: cert.name, issuer: cert.issuer)), "/claims/certifications/\(i)"))
        }
        for (i, language) in report.languages.enumerated() {
            let code = LanguageCodes.code(for: language) ?? language.lowercased()
            claims.append(claim(.language, .language(LanguageSkill(code: code, level: nil)), "/claims/languages/\(i)", language))
        }
        return claims
    }
}
