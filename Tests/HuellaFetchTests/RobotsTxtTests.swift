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
}
