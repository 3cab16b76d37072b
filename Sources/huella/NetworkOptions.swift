import ArgumentParser
import HuellaFetch
import HuellaKit

/// The network flags shared by every command that fetches, with curl's meaning.
struct NetworkOptions: ParsableArguments {
    @Option(
        name: .customLong("connect-to"),
        help: ArgumentHelp(
            "Connect to HOST2:PORT2 instead of HOST:PORT, as curl does (empty fields are wildcards).",
            valueName: "HOST:PORT:HOST2:PORT2"))
    var connectTo: [String] = []

    @Option(name: .customLong("cacert"), help: ArgumentHelp("Trust the CA certificates in this PEM file.", valueName: "FILE"))
    var caCert: String?

    @Flag(
        name: .customLong("allow-private-network"),
        help: "Allow connections to loopback and private addresses (turns the SSRF guard off).")
    var allowPrivateNetwork = false

    @Option(
        name: .customLong("allow-address"),
        help: ArgumentHelp("Let the SSRF guard through to this one numeric address (a staging proxy); narrower than --allow-private-network.", valueName: "IP"))
    var allowAddress: [String] = []

    @Option(help: ArgumentHelp("Seconds a whole page may take (default 30).", valueName: "SECONDS"))
    var timeout: Int?

    @Option(name: .customLong("delay"), help: ArgumentHelp("Seconds between two requests to one host (default 1; Crawl-delay may raise it).", valueName: "SECONDS"))
    var delay: Double?

    @Option(name: .customLong("per-host"), help: ArgumentHelp("Requests to one host at once (default 2).", valueName: "N"))
    var perHost: Int?

    @Option(help: ArgumentHelp("Retries after 429/503 (honouring Retry-After) and transient failures (default 2).", valueName: "N"))
    var retries: Int?

    @Option(name: .customLong("max-page-bytes"), help: ArgumentHelp("Largest page kept, decoded (default 2 MiB); longer pages are truncated and marked.", valueName: "BYTES"))
    var maxPageBytes: Int?

    @Option(name: .customLong("max-redirects"), help: ArgumentHelp("Redirects followed per page (default 5).", valueName: "N"))
    var maxRedirects: Int?

    @Option(name: .customLong("connect-timeout"), help: ArgumentHelp("Seconds to establish a connection (default 10).", valueName: "SECONDS"))
    var connectTimeout: Int?

    @Option(name: .customLong("user-agent-contact"), help: ArgumentHelp("Contact URL sent in the User-Agent (default: the project page).", valueName: "URL"))
    var contact: String?

    /// The flags merged over the configuration file's `network` section, then the defaults.
    struct Resolved {
        var timeout = 30
        var delay = 1.0
        var perHost = 2
        var retries = 2
        var maxPageBytes = 2 * 1024 * 1024
        var maxRedirects = 5
        var connectTimeout = 10
        var contact = "https://github.com/huella-audit/huella"
        var caCert: String?
    }

    func resolved(with config: HuellaConfig.Network?) -> Resolved {
        var r = Resolved()
        r.timeout = timeout ?? config?.timeout ?? r.timeout
        r.delay = delay ?? config?.delay ?? r.delay
        r.perHost = perHost ?? config?.perHost ?? r.perHost
        r.retries = retries ?? config?.retries ?? r.retries
        r.maxPageBytes = maxPageBytes ?? config?.maxPageBytes ?? r.maxPageBytes
        r.maxRedirects = maxRedirects ?? config?.maxRedirects ?? r.maxRedirects
        r.connectTimeout = connectTimeout ?? config?.connectTimeout ?? r.connectTimeout
        r.contact = contact ?? config?.contact ?? r.contact
        r.caCert = caCert ?? config?.cacert
        return r
    }

    func validate() throws {
        for ip in allowAddress where !(IPAddressCheck.isNumeric(ip)) {
            throw ValidationError("--allow-address '\(ip)' is not a numeric IPv4 or IPv6 address")
        }
        for entry in connectTo where entry.split(separator: ":", omittingEmptySubsequences: false).count < 4 {
            throw ValidationError("--connect-to '\(entry)' must have the form HOST:PORT:HOST2:PORT2")
        }
        try Self.check(resolved(with: nil))
    }

    /// The limits every source of settings must respect.
    static func check(_ r: Resolved) throws {
        guard r.timeout > 0 else { throw ValidationError("timeout must be positive") }
        guard r.connectTimeout > 0 else { throw ValidationError("connect timeout must be positive") }
        guard r.delay >= 0, r.delay <= 3600 else { throw ValidationError("delay must be between 0 and 3600 seconds") }
        guard r.perHost > 0 else { throw ValidationError("per-host must be positive") }
        guard (0...10).contains(r.retries) else { throw ValidationError("retries must be between 0 and 10") }
        guard r.maxPageBytes >= 1024 else { throw ValidationError("max page bytes must be at least 1024") }
        guard (0...20).contains(r.maxRedirects) else { throw ValidationError("max redirects must be between 0 and 20") }
    }

    func fetchOptions(_ r: Resolved) -> FetchOptions {
        var options = FetchOptions(
            userAgent: FetchOptions.defaultUserAgent(version: HuellaVersion.current, contact: r.contact),
            connectTo: connectTo, caFile: r.caCert, allowPrivateNetwork: allowPrivateNetwork, maxBodyBytes: r.maxPageBytes,
            maxRedirects: r.maxRedirects, connectTimeoutMilliseconds: r.connectTimeout * 1000,
            totalTimeoutMilliseconds: r.timeout * 1000)
        options.allowedAddresses = Set(allowAddress)
        return options
    }

    /// The fetcher every command uses: libcurl, with robots.txt and per-host politeness on top.
    func fetcher(_ r: Resolved, robotsCache: (any RobotsCache)? = nil) throws(FetchSetupError) -> PoliteFetcher {
        PoliteFetcher(
            inner: try CurlFetcher(options: fetchOptions(r)),
            politeness: Politeness(connectionsPerHost: r.perHost, delayPerHost: r.delay, maxRetries: r.retries),
            robotsCache: robotsCache)
    }
}
