import Foundation
import HuellaCore

/// "N years of experience" and "N años de experiencia" in visible text.
struct ExperiencePatterns {
    private static let patterns: [NSRegularExpression] = [
        // English: "10+ years of experience", "over 8 years' experience", "7 yrs of experience"
        #"(?:\b(?:over|more than|nearly|almost|about)\s+)?\b(\d{1,2})\s*\+?\s*(?:years?|yrs?)['’]?\s+(?:of\s+)?(?:professional\s+|hands-on\s+|combined\s+)?experience\b"#,
        // Spanish: "más de 8 años de experiencia", "12 años de experiencia profesional"
        #"(?:\b(?:más de|mas de|casi|cerca de)\s+)?\b(\d{1,2})\s*\+?\s*años\s+de\s+experiencia\b"#,
    ].compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }

    let origin: ClaimOrigin
    let url: String

    func claims(in blocks: [TextBlock]) -> [Claim] {
        var claims: [Claim] = []
        for block in blocks {
            let text = block.text as NSString
            for pattern in Self.patterns {
                for match in pattern.matches(in: block.text, range: NSRange(location: 0, length: text.length)) {
                    guard let years = Int(text.substring(with: match.range(at: 1))), (1...60).contains(years) else {
                        continue
                    }
                    claims.append(
                        Claim(
                            kind: .experienceYears, value: .number(years), origin: origin, url: url,
                            excerpt: Excerpt.around(match.range, in: text), locator: block.locator))
                }
            }
        }
        return claims
    }
}

/// Readable excerpts: the words around a match, cut at word boundaries.
enum Excerpt {
    static let radius = 80

    static func around(_ range: NSRange, in text: NSString) -> String {
        let start = max(0, range.location - radius)
        let end = min(text.length, range.location + range.length + radius)
        var excerpt = text.substring(with: NSRange(location: start, length: end - start))
        if start > 0, let space = excerpt.firstIndex(of: " ") {
            excerpt = "…" + excerpt[excerpt.index(after: space)...]
        }
        if end < text.length, let space = excerpt.lastIndex(of: " ") {
            excerpt = excerpt[..<space] + "…"
        }
        return excerpt
    }
}
