import Foundation
import HuellaCore

/// Masks email addresses and phone numbers in what a report shows (`--redact`): reports
/// travel further than the audit, and these are personal data. `ana.ruiz@example.com` →
/// `a•••@e•••.com`; `+52 33 1234 5678` → `+52•••••••78`.
public struct Redactor: Sendable {
    private static let email = try? NSRegularExpression(pattern: #"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9])[A-Za-z0-9-]*((?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"#)
    private static let phone = try? NSRegularExpression(pattern: #"(?<![\w])(\+?\d{1,3})?[\d\s().-]{6,16}(\d{2})(?![\w])"#)

    public init() {}

    public func redact(_ text: String) -> String {
        var out = text
        if let email = Self.email {
            out = email.stringByReplacingMatches(
                in: out, range: NSRange(location: 0, length: (out as NSString).length), withTemplate: "$1•••@$2•••$3")
        }
        if let phone = Self.phone {
            let ns = out as NSString
            var result = ""
            var last = 0
            for match in phone.matches(in: out, range: NSRange(location: 0, length: ns.length)) {
                let digits = ns.substring(with: match.range).filter(\.isNumber)
                guard digits.count >= 8 else { continue }  // years, prices and ids stay
                result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
                let prefix = match.range(at: 1).location != NSNotFound ? ns.substring(with: match.range(at: 1)) : ""
                result += prefix + "•••••••" + ns.substring(with: match.range(at: 2))
                last = match.range.location + match.range.length
            }
            result += ns.substring(from: last)
            out = result
        }
        return out
    }

    public func redact(_ assistant: AssistantResult) -> AssistantResult {
        var a = assistant
        a.claims = a.claims.map { claim in
            var c = claim
            c.excerpt = redact(c.excerpt)
            if c.kind == .email || c.kind == .phone, case .text(let t) = c.value { c.value = .text(redact(t)) }
            return c
        }
        a.findings = a.findings.map { finding in
            var f = finding
            f.message = redact(f.message)
            f.evidence = f.evidence.map { Evidence(url: $0.url, excerpt: redact($0.excerpt), locator: $0.locator) }
            return f
        }
        return a
    }
}
