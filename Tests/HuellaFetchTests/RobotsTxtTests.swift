import Foundation
import HuellaTestSupport
import Testing

@testable import HuellaFetch

@Suite("robots.txt (RFC 9309)")
struct RobotsTxtTests {
    let text = """
        User-agent: *
        Disallow: /

        User-agent: Huella/0.1
        User-agent: otherbot
        Disallow: /private/
        Allow: /private/public-page$
        Disallow: /*.pdf$
        Allow: /shared/
        Disallow: /shared/
        Crawl-delay: 2.5
        """

    @Test(
        "the group for huella's product token, longest match, Allow wins a tie, * and $",
        arguments: [
            ("/", true), ("/private/clients", false), ("/private/public-page", true), ("/private/public-page/x", false),
            ("/docs/cv.pdf", false), ("/docs/cv.pdf?download=1", true), ("/shared/a", true), ("/robots.txt", true),
        ])
    func rules(path: String, allowed: Bool) {
        let robots = RobotsTxt(parsing: text, userAgent: "huella")
        #expect(robots.allows(path: path) == allowed)
        #expect(robots.crawlDelay == 2.5)
    }

    @Test("without a group of its own, huella follows the * group")
    func star() {
        let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /admin\n# comment\nUser-agent: googlebot\nDisallow: /", userAgent: "huella")
        #expect(robots.allows(path: "/about"))
        #expect(!robots.allows(path: "/admin/login"))
    }

    @Test("an empty Disallow allows everything; comments and odd spacing are ignored")
    func emptyDisallow() {
        let robots = RobotsTxt(parsing: "user-agent:huella   # us\nDisallow:\n", userAgent: "huella")
        #expect(robots.allows(path: "/anything"))
    }

    @Test("percent-encoding compares without case")
    func encoding() {
        let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /%7ejoe/", userAgent: "huella")
        #expect(!robots.allows(path: "/%7Ejoe/index.html"))
    }

    @Test("a rule written with characters past ASCII matches the percent-encoded path a URL sends")
    func nonASCII() {
        let robots = RobotsTxt(parsing: "User-agent: *\nDisallow: /café/\nDisallow: /año$", userAgent: "huella")
        #expect(!robots.allows(path: "/caf%C3%A9/menu"))
        #expect(!robots.allows(path: "/caf%c3%a9/menu"))
        #expect(!robots.allows(path: "/a%C3%B1o"))
        #expect(robots.allows(path: "/a%C3%B1o/2024"))
        #expect(robots.allows(path: "/cafe/"))
    }

    @Test("only the first 500 KiB are read")
    func limit() {
        let padding = String(repeating: "# padding line to push the rules past the limit\n", count: 12_000)
        let robots = RobotsTxt(parsing: "User-agent: *\n" + padding + "Disallow: /late/", userAgent: "huella")
        #expect(robots.allows(path: "/late/page"))
    }

    @Test("unreadable robots.txt: 4xx allows all, 5xx disallows all")
    func verdicts() {
        #expect(RobotsTxt.allowAll.allows(path: "/x"))
        #expect(!RobotsTxt.disallowAll.allows(path: "/x"))
    }

    @Test("rules are matched as a plain backtracking reading of * and $ matches them", arguments: 0..<4)
    func againstReference(seed: Int) {
        // Patterns and paths over a small alphabet, where pieces overlap and repeat: the
        // leftmost-piece search must agree with trying every split.
        var random = SeededGenerator(seed: UInt64(seed))
        for _ in 0..<3_000 {
            let pattern = "/" + String((0..<random.next(below: 9)).map { _ in "ab*%7e".randomElement(using: &random)! })
                + (random.next(below: 3) == 0 ? "$" : "")
            let path = "/" + String((0..<random.next(below: 12)).map { _ in "aab%7E".randomElement(using: &random)! })
            #expect(
                Glob.normalised(path).withUnsafeBufferPointer { Glob(pattern).matches($0) } == Self.reference(pattern, path),
                "pattern \(pattern) against \(path)")
        }
    }

    @Test("a hostile robots.txt: every rule of 500 KiB, long stars against a long path, in linear time")
    func hostileRules() {
        var text = "User-agent: *\n"
        // Many rules, each with stars, then one long rule whose pieces all nearly match.
        while text.utf8.count < 300_000 { text += "Disallow: /p\(text.utf8.count)*x*y\n" }
        text += "Disallow: /*" + String(repeating: "a*", count: 60_000) + "b\n"
        let robots = RobotsTxt(parsing: text, userAgent: "huella")
        #expect(robots.rules.count > 13_000)
        let path = "/" + String(repeating: "a", count: 60_000)
        let clock = ContinuousClock()
        var allowed = false
        let took = clock.measure { allowed = robots.allows(path: path) }
        #expect(allowed)
        #expect(!robots.allows(path: path + "b"))
        // Each URL of the site is checked: well under a second per check, even unoptimised; the
        // bound leaves room for a loaded machine (the rules were matched one by one, with their pattern's escapes worked out again,
        // and stars by backtracking: 2.3 s in a release build for 30,000 rules alone).
        #expect(took < .seconds(5), "took \(took)")
    }

    /// Every way of matching, tried: `*` any run, `$` the end; without `$`, any prefix of the path.
    static func reference(_ pattern: String, _ path: String) -> Bool {
        // Percent-escapes compare without case: the two characters after a "%" in upper case.
        func normalised(_ text: String) -> [UInt8] {
            var out: [UInt8] = []
            var escape = 0
            for byte in text.utf8 {
                out.append(escape > 0 ? Character(Unicode.Scalar(byte)).uppercased().utf8.first! : byte)
                escape = escape > 0 ? escape - 1 : byte == UInt8(ascii: "%") ? 2 : 0
            }
            return out
        }
        var p = normalised(pattern)
        let s = normalised(path)
        let anchored = p.last == UInt8(ascii: "$")
        if anchored { p.removeLast() }
        func match(_ i: Int, _ j: Int) -> Bool {
            if j == p.count { return !anchored || i == s.count }
            if p[j] == UInt8(ascii: "*") { return (i...s.count).contains { match($0, j + 1) } }
            return i < s.count && s[i] == p[j] && match(i + 1, j + 1)
        }
        return match(0, 0)
    }
}
